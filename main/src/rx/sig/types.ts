// The FHIR R4 Dosage shape the sig parser produces, written out here so that the module stays pure and
// the JSON it returns can be checked field by field against the R4 datatype (hl7.org/fhir/R4/dosage.html).

export const UCUM = 'http://unitsofmeasure.org';
export const SNOMED = 'http://snomed.info/sct';
export const GTS_ABBREVIATION = 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation';

export type Coding = { system: string; code: string; display?: string };
export type CodeableConcept = { coding?: Coding[]; text?: string };

export type Quantity = { value: number; unit?: string; system?: string; code?: string };
export type Range = { low: Quantity; high: Quantity };
export type Ratio = { numerator: Quantity; denominator: Quantity };

/** UCUM calendar units that Timing.repeat accepts (FHIR UnitsOfTime). */
export type UnitsOfTime = 's' | 'min' | 'h' | 'd' | 'wk' | 'mo' | 'a';

/** FHIR EventTiming codes (R4) that the parser emits. */
export type EventTiming =
  | 'MORN'
  | 'NOON'
  | 'AFT'
  | 'EVE'
  | 'NIGHT'
  | 'PHS'
  | 'HS'
  | 'WAKE'
  | 'C'
  | 'CM'
  | 'CD'
  | 'CV'
  | 'AC'
  | 'ACM'
  | 'ACD'
  | 'ACV'
  | 'PC'
  | 'PCM'
  | 'PCD'
  | 'PCV';

export type DayOfWeek = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export type Duration = { value: number; unit: string; system: typeof UCUM; code: UnitsOfTime };

export type TimingRepeat = {
  boundsDuration?: Duration;
  count?: number;
  frequency?: number;
  frequencyMax?: number;
  period?: number;
  periodMax?: number;
  periodUnit?: UnitsOfTime;
  dayOfWeek?: DayOfWeek[];
  timeOfDay?: string[];
  when?: EventTiming[];
  /** Minutes from the event in `when` (e.g. 30 before breakfast). */
  offset?: number;
};

export type Timing = { repeat?: TimingRepeat; code?: CodeableConcept };

export type DoseAndRate = { doseQuantity: Quantity } | { doseRange: Range };

export type Dosage = {
  text: string;
  additionalInstruction?: CodeableConcept[];
  patientInstruction?: string;
  timing?: Timing;
  asNeededBoolean?: boolean;
  asNeededCodeableConcept?: CodeableConcept;
  site?: CodeableConcept;
  route?: CodeableConcept;
  method?: CodeableConcept;
  doseAndRate?: DoseAndRate[];
  maxDosePerPeriod?: Ratio;
};

export type SigWarningCode =
  | 'sig.ismpErrorProne'
  | 'sig.ambiguousAbbreviation'
  | 'sig.spellingCorrected'
  | 'sig.multipleInstructions'
  | 'sig.conflictingDose'
  | 'sig.conflictingFrequency'
  | 'sig.conflictingRoute'
  | 'sig.productNamed'
  | 'sig.strengthInDirections'
  | 'sig.doseUnitFromProduct'
  | 'sig.householdMeasure'
  | 'sig.dispenseQuantityInDirections'
  | 'sig.negationNotRead'
  | 'sig.textLeftOver';

export type SigWarning = { code: SigWarningCode; message: string; fragment?: string };

/** A piece of the directions that was not understood, with its place in the original text. */
export type SigFragment = { text: string; start: number; end: number };

export type SigParse = {
  dosage: Dosage;
  warnings: SigWarning[];
  unparsed: SigFragment[];
  /** 0..1: the share of meaningful words understood, lowered for each ambiguity or correction. */
  confidence: number;
};

export type SigErrorCode = 'sig.empty' | 'sig.unparseable' | 'sig.tooLong' | 'sig.parserFault';

export type SigError = {
  code: SigErrorCode;
  message: string;
  details: { text: string; unparsed?: SigFragment[] };
};

export type SigResult = { ok: true; value: SigParse } | { ok: false; error: SigError };

export type ParseSigOptions = {
  /**
   * The dispensed product's dose unit (e.g. 'tablet'), used only when the directions give a bare number
   * ("1 po bid"); the result then carries a `sig.doseUnitFromProduct` warning.
   */
  doseUnit?: string;
};
