// What the model scripts under models/demand/ need to rebuild and evaluate the global model: the same
// generator and feature code the forecaster runs, so training and use cannot drift apart.
export { evaluateHeldOut } from './accuracy.js';
export { generateDemandDataSet } from './generator.js';
export { loadGlobalModel } from './global-model.js';
export { trainingCsvHeader, trainingCsvLines } from './training-data.js';
