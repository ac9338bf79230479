// Citations shared by several rules, written once so that every rule points at the same, findable source.
// Each is a published document (product label section, regulatory communication, guideline, textbook chapter
// or journal article) cited by title, publisher and date; no text of these documents is reproduced here.
import type { Reference } from '../contract.js';

const label = (citation: string): Reference => ({ kind: 'label', citation });
const regulatory = (citation: string): Reference => ({ kind: 'regulatory', citation });
const guideline = (citation: string): Reference => ({ kind: 'guideline', citation });
const textbook = (citation: string): Reference => ({ kind: 'textbook', citation });
const review = (citation: string): Reference => ({ kind: 'review', citation });
const study = (citation: string): Reference => ({ kind: 'study', citation });

export { label, regulatory, guideline, textbook, review, study };

export const ref = {
  stockley: (chapter: string): Reference =>
    textbook(`Stockley's Drug Interactions (Pharmaceutical Press), chapter "${chapter}"`),
  bnf: (entry: string): Reference =>
    textbook(`British National Formulary (BNF), Appendix 1 Interactions, entry "${entry}"`),
  beers2019: guideline(
    'American Geriatrics Society 2019 Updated AGS Beers Criteria for Potentially Inappropriate Medication Use in Older Adults, Table 5 (drug-drug interactions to avoid). J Am Geriatr Soc 2019;67(4):674-694',
  ),
  fdaDdiTable: regulatory(
    'US FDA, Drug Development and Drug Interactions: Table of Substrates, Inhibitors and Inducers (CYP3A strong/moderate inhibitors and inducers, sensitive substrates)',
  ),
  emaDdiGuideline: guideline(
    'EMA Guideline on the investigation of drug interactions, CPMP/EWP/560/95/Rev. 1 Corr. 2 (2012), section 5 and Appendix',
  ),
  serotoninSyndrome: review('The serotonin syndrome. N Engl J Med 2005;352(11):1112-1120'),
  fdaLinezolid: regulatory(
    'US FDA Drug Safety Communication (October 2011): Updated information about the drug interaction between linezolid (Zyvox) and serotonergic psychiatric medications',
  ),
  fdaMethyleneBlue: regulatory(
    'US FDA Drug Safety Communication (July 2011, updated October 2011): Serious CNS reactions possible when methylene blue is given to patients taking certain psychiatric medications',
  ),
  fdaTriptans2006: regulatory(
    'US FDA Public Health Advisory (July 2006): Combined use of 5-hydroxytryptamine receptor agonists (triptans), SSRIs or SNRIs may result in life-threatening serotonin syndrome',
  ),
  ahsTriptans2010: guideline(
    'The FDA alert on serotonin syndrome with use of triptans combined with SSRIs or SNRIs: American Headache Society position paper. Headache 2010;50(6):1089-1099',
  ),
  qtReview: review('Drug-induced prolongation of the QT interval. N Engl J Med 2004;350(10):1013-1022'),
  ahaTdp2010: guideline(
    'AHA/ACCF Scientific Statement: Prevention of torsade de pointes in hospital settings. Circulation 2010;121(8):1047-1060',
  ),
  fdaCitalopram: regulatory(
    'US FDA Drug Safety Communication (August 2011, revised March 2012): Abnormal heart rhythms associated with high doses of Celexa (citalopram hydrobromide)',
  ),
  mhraCitalopram: regulatory(
    'MHRA Drug Safety Update, December 2011: Citalopram and escitalopram: QT interval prolongation (new maximum daily doses and contraindications)',
  ),
  emaDomperidone: regulatory(
    'EMA/CMDh (April 2014): Restrictions on the use of domperidone-containing medicines (cardiac risk); MHRA Drug Safety Update May 2014',
  ),
  fdaAzithromycin: regulatory(
    'US FDA Drug Safety Communication (March 2013): Azithromycin (Zithromax or Zmax) and the risk of potentially fatal heart rhythms',
  ),
  fdaSimvastatin2011: regulatory(
    'US FDA Drug Safety Communication (June 2011): New restrictions, contraindications, and dose limitations for Zocor (simvastatin) to reduce the risk of muscle injury',
  ),
  mhraSimvastatin2012: regulatory('MHRA Drug Safety Update, August 2012: Simvastatin: updated advice on drug interactions'),
  fdaStatins2012: regulatory(
    'US FDA Drug Safety Communication (February 2012): Important safety label changes to cholesterol-lowering statin drugs (interactions with HIV and HCV protease inhibitors)',
  ),
  fdaOpioidBenzo2016: regulatory(
    'US FDA Drug Safety Communication (August 2016): FDA warns about serious risks and death when combining opioid pain or cough medicines with benzodiazepines (boxed warning)',
  ),
  fdaGabapentinoid2019: regulatory(
    'US FDA Drug Safety Communication (December 2019): Serious breathing difficulties may occur in patients using gabapentin or pregabalin who have respiratory risk factors or take CNS depressants',
  ),
  fdaAmiodaroneSofosbuvir: regulatory(
    'US FDA Drug Safety Communication (March 2015): Serious slow heart rate when the antiarrhythmic drug amiodarone is used with hepatitis C treatments containing sofosbuvir',
  ),
  mhraMiconazole: regulatory(
    'MHRA Drug Safety Update, June 2016: Topical miconazole, including oral gel: reminder of potential for serious interactions with warfarin',
  ),
  fdaClopidogrelPpi: regulatory(
    'US FDA (November 2009, reminder October 2010): Update to the labeling of clopidogrel bisulfate (Plavix) to alert healthcare professionals about a drug interaction with omeprazole',
  ),
  emaClopidogrelPpi: regulatory(
    'EMA public statement (March 2010): Interaction between clopidogrel and proton-pump inhibitors; MHRA Drug Safety Update April 2010',
  ),
  mhraDualRaas: regulatory(
    'MHRA Drug Safety Update, June 2014: Combination use of medicines from different classes of renin-angiotensin system blocking agents: risk of hyperkalaemia, hypotension, and impaired renal function',
  ),
  fsrhContraception: guideline(
    'FSRH Clinical Guideline: Drug Interactions with Hormonal Contraception (Faculty of Sexual and Reproductive Healthcare, January 2017, amended 2022), section on enzyme-inducing drugs',
  ),
  warfarinSystematic: review(
    'Systematic overview of warfarin and its drug and food interactions. Arch Intern Med 2005;165(10):1095-1106',
  ),
  accpVka: guideline(
    'Pharmacology and management of the vitamin K antagonists: ACCP Evidence-Based Clinical Practice Guidelines (8th ed.). Chest 2008;133(6 Suppl):160S-198S',
  ),
  bsrDmard2017: guideline(
    'BSR and BHPR guideline for the prescription and monitoring of non-biologic disease-modifying anti-rheumatic drugs. Rheumatology 2017;56(6):865-868',
  ),
  drugAllergy2022: guideline(
    'Drug allergy: A 2022 practice parameter update (AAAAI/ACAAI Joint Task Force on Practice Parameters). J Allergy Clin Immunol 2022;150(6):1333-1393',
  ),
  drugAllergy2010: guideline(
    'Drug allergy: an updated practice parameter (Joint Task Force on Practice Parameters). Ann Allergy Asthma Immunol 2010;105(4):259-273',
  ),
  niceDrugAllergy: guideline('NICE clinical guideline CG183: Drug allergy: diagnosis and management (September 2014)'),
  penicillinReview: review('Evaluation and management of penicillin allergy: a review. JAMA 2019;321(2):188-199'),
  sulfonamideNejm: study(
    'Absence of cross-reactivity between sulfonamide antibiotics and sulfonamide nonantibiotics. N Engl J Med 2003;349(17):1628-1635',
  ),
  nsaidHypersensitivity: guideline(
    'EAACI/ENDA position paper: Classification and practical approach to the diagnosis and management of hypersensitivity to nonsteroidal anti-inflammatory drugs. Allergy 2013;68(10):1219-1232',
  ),
  hitChest2012: guideline(
    'Treatment and prevention of heparin-induced thrombocytopenia: Antithrombotic Therapy and Prevention of Thrombosis, 9th ed: ACCP Evidence-Based Clinical Practice Guidelines. Chest 2012;141(2 Suppl):e495S-e530S',
  ),
  arbAngioedema: study(
    'Risk of angioedema with angiotensin receptor blockers in patients with prior angioedema associated with angiotensin-converting enzyme inhibitors: a meta-analysis. Ann Allergy Asthma Immunol 2008;101(5):495-499',
  ),
} as const;
