import { run } from './program.js';

const code = await run(process.argv);
// `serve` keeps running until a signal; everything else ends with its exit code.
if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
