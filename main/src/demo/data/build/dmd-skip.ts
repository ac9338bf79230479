// Which dm+d generic medicines the demo pharmacy does not stock, and why: a community pharmacy counter sells
// and dispenses medicines for people to take home, so hospital-only, theatre, diagnostic, blood-product,
// withdrawn and raw-material entries are left out. Every skip carries a reason so the README can count them.

export type SkipReason =
  | 'invalid'
  | 'homeopathic'
  | 'medical gas'
  | 'imaging or diagnostic agent'
  | 'anaesthesia or theatre use'
  | 'blood product, immunoglobulin or antiserum'
  | 'cell, gene or tissue therapy'
  | 'hospital infusion or injection'
  | 'hospital antidote'
  | 'intravenous or dialysis fluid'
  | 'withdrawn from the market'
  | 'raw material or excipient'
  | 'specialist clinic product'
  | 'childhood immunisation programme vaccine';

const words = (list: string): Set<string> =>
  new Set(
    list
      .split(';')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0),
  );

const HOSPITAL_INJECTION =
  words(`abciximab; adenosine; amifostine; amikacin; amsacrine; anidulafungin; aprotinin; argatroban;
  argipressin; arsenic; artesunate; atosiban; azacitidine; aztreonam; bendamustine; benzathine benzylpenicillin;
  benzylpenicillin; beractant; bivalirudin; bleomycin; bortezomib; bretylium; cabazitaxel; calcium chloride;
  cangrelor; capreomycin; carboplatin; carboprost; carfilzomib; carmustine; caspofungin; cefamandole; cefazolin;
  cefepime; cefotaxime; cefoxitin; cefpirome; ceftaroline fosamil; ceftazidime; ceftazidime + avibactam;
  ceftobiprole; ceftolozane + tazobactam; ceftriaxone; cidofovir; cisplatin; clevidipine; clofarabine;
  colfosceril palmitate; colistimethate; colistin; crisantaspase; cytarabine; cytarabine (liposomal); dacarbazine;
  dactinomycin; dalbavancin; danaparoid; daptomycin; daunorubicin; daunorubicin (liposomal); daunorubicin + cytarabine;
  decitabine; defibrotide; desferrioxamine; dexrazoxane; dinoprostone; dobutamine; docetaxel; dopamine; dopexamine;
  doripenem; doxapram; doxorubicin; doxorubicin (liposomal); doxorubicin liposomal pegylated; edrophonium; enoximone;
  epirubicin; epoprostenol; eptifibatide; eribulin; ertapenem; esmolol; ethanolamine oleate; fludarabine; fosaprepitant;
  foscarnet; fosphenytoin; fulvestrant; ganciclovir; gemcitabine; gemeprost; hyaluronidase; idarubicin; ifosfamide;
  iloprost; imipenem + cilastatin; irinotecan; irinotecan liposomal pegylated; iron dextran; iron isomaltoside 1000;
  iron sorbitol; iron sucrose; ferric carboxymaltose; ferumoxytol; isoprenaline; levosimendan; meropenem; metaraminol;
  methoxamine; micafungin; milrinone; mitomycin; mitoxantrone; nelarabine; netilmicin; noradrenaline; oxaliplatin;
  oxytocin; ergometrine + oxytocin; asparaginase; carbetocin; pegaspargase; paclitaxel; paclitaxel albumin; pamidronate disodium; pemetrexed; pentamidine;
  pentostatin; phentolamine; piperacillin + tazobactam; pixantrone; poractant alfa; procainamide; quinupristin + dalfopristin;
  raltitrexed; rasburicase; regadenoson; reteplase; sodium nitroprusside; streptozocin; teicoplanin; telavancin;
  temocillin; temsirolimus; terlipressin; thiotepa; ticarcillin + clavulanic acid; tigecycline; tirofiban; topotecan;
  trabectedin; treosulfan; trimetaphan; vinblastine; vincristine; vindesine; vinflunine; vinorelbine; ziconotide;
  zoledronic acid; lepirudin; glucarpidase; mesna; ergometrine; papaverine; papaverine + phentolamine;
  phentolamine + aviptadil; streptokinase + streptodornase; octreotide; lanreotide; pasireotide; degarelix; histrelin;
  ocriplasmin; pegaptanib; verteporfin; porfimer; temoporfin; collagenase clostridium histolyticum; botulinum a toxin;
  botulinum b toxin; mifamurtide; haem arginate; hemin; ketamine;
  ketamine + morphine; amitriptyline + ketamine; esketamine; caffeine + sodium benzoate;
  heparin; taurolidine; sodium tetradecyl sulfate; lauromacrogol 400; plerixafor; dexmedetomidine; levobupivacaine;
  levobupivacaine + fentanyl; bupivacaine; bupivacaine + adrenaline; bupivacaine + fentanyl; bupivacaine + glucose;
  ropivacaine; chloroprocaine; mepivacaine; mepivacaine + adrenaline; articaine + adrenaline; prilocaine;
  prilocaine + felypressin; lidocaine + adrenaline; procaine; cocaine; cocaine + adrenaline; morphine + cocaine;
  atropine + adrenaline + procaine; guanethidine + adrenaline; zinc sulfate + adrenaline; lidocaine + tetracaine + adrenaline;
  amphotericin b (lipid formulation); amphotericin b liposomal; amphotericin b phospholipid complex;
  amphotericin b sodium cholesteryl sulfate complex; ajmaline; altretamine; trofosfamide; razoxane; sodium aurothiomalate;
  glycerol trioleate; medium-chain triglycerides + soya oil; olive oil + soya oil;
  methylprednisolone sodium succinate; erythromycin lactobionate;
  secretin; secretin pentahydrochloride; acetylcholine; carbachol; proxymetacaine;
  proxymetacaine + fluorescein; lidocaine + fluorescein; fluorescein; gallamine; conestat alfa; midazolam + lidocaine; methylprednisolone + lidocaine;
  gemtuzumab; glucose + lidocaine; glucose + phenol + glycerol;
  meglumine iotalamate + phenol; formocresol; dextranomer`);

const HOSPITAL_ANTIDOTE =
  words(`dicobalt edetate; dimercaprol; unithiol; succimer; sodium calcium edetate; pralidoxime chloride;
  pralidoxime mesilate; fomepizole; digoxin specific antibody; idarucizumab; methylthioninium chloride; sodium nitrite;
  sodium thiosulfate; prussian blue insoluble; flumazenil; protamine; potassium perchlorate; calcium folinate;
  folinic acid; levofolinic acid; disodium edetate; edetic acid`);

const THEATRE =
  words(`desflurane; enflurane; halothane; isoflurane; sevoflurane; methoxyflurane; ether; chloroform; propofol;
  thiopental; etomidate; suxamethonium; sugammadex; remifentanil; alfentanil; sufentanil; atracurium; cisatracurium;
  mivacurium; pancuronium; rocuronium; vecuronium; gallamine; trypan blue; indocyanine green; patent blue v;
  sulfan blue; rose bengal; indigo carmine; tolonium chloride; neostigmine + glycopyrronium bromide`);

const DIAGNOSTIC =
  words(`tuberculin purified protein derivative; sermorelin; somatorelin; corticorelin; protirelin; pentagastrin;
  urea [13-c]; histamine; gonadorelin; tetracosactide; hexaminolevulinate; aminolevulinic acid hydrochloride;
  methyl aminolevulinate; mangafodipir; ferucarbotran; perflutren-containing albumin microspheres;
  perflutren-containing lipid microspheres; sulfur hexafluoride; meglumine amidotrizoate + sodium amidotrizoate;
  sodium amidotrizoate; meglumine gadobenate; meglumine gadopentetate; meglumine iotalamate; meglumine iotroxate;
  sodium iopodate; iopanoic acid; galactose + palmitic acid; thyrotropin alfa; secretin; lactose`);

const WITHDRAWN =
  words(`cerivastatin; rofecoxib; valdecoxib; lumiracoxib; sibutramine; rimonabant; terfenadine; cisapride;
  dextropropoxyphene; co-proxamol; phenylpropanolamine; phenylpropanolamine + chlorphenamine; phenolphthalein + rhubarb;
  sitaxentan; efalizumab; alefacept; drotrecogin alfa; telaprevir; boceprevir; thioridazine; benorilate; azapropazone;
  fenbufen; tiratricol; diethylstilbestrol + lactic acid; debrisoquine; fosfestrol; zalcitabine; delavirdine;
  amprenavir; stavudine; didanosine; mazindol; noxytiolin; penfluridol; fluspirilene; muromonab-cd3; daclizumab;
  catumaxomab; olaratumab; telithromycin; gatifloxacin; pefloxacin; nefazodone; ticlopidine; co-dergocrine mesilate; aminoglutethimide; testolactone; estropipate; tolazamide;
  chlorpropamide; pergolide; methysergide; mepenzolate bromide; ketanserin; molsidomine; lisuride; inosine acedoben dimepranol;
  oxypertine; rosiglitazone; rosiglitazone + metformin; nicotinic acid + laropiprant; trilostane;
  sertindole; perhexiline; hydroxyamfetamine; racepinefrine; fusafungine; cloral betaine;
  triclofos; hydroxyprogesterone; gestonorone; mestranol + norethisterone; etynodiol; conjugated oestrogens + norgestrel; polythiazide; pindolol + clopamide; triamterene + benthiazide; timolol + amiloride + hydrochlorothiazide;
  amiloride + cyclopenthiazide; co-flumactone; co-prenozide; co-fluampicil; co-codaprin; co-methiamol; co-zidocapt`);

const RAW_MATERIAL =
  words(`acacia; acacia + starch + tragacanth; tragacanth; maize starch; saccharin; amaranth; carmoisine; sucrose;
  fructose; galactose; cellulose; stearic acid; sodium benzoate; sodium metabisulfite; monosodium glutamate + monosodium aspartate;
  gelatin; laurilsulfate; polyethylene oxide; hyetellose; hyprolose; sodium lauryl ether sulfo-succinate + sodium lauryl ether sulfate;
  ammonium sulfate; aluminium sulfate; aluminium oxide; borax; chalk; tartaric acid; citric acid; hydrochloric acid;
  paraffin hard; beeswax; cardamom; cholesterol; water; glycine; trometamol; sodium lactate; sodium acetate; lactose;
  wheat grain; carob seed; guar gum; mannitol; sorbitol; mannitol + sorbitol; sodium dihydrogen phosphate;
  sodium dihydrogen phosphate dihydrate; disodium hydrogen phosphate dodecahydrate; potassium dihydrogen phosphate;
  potassium dihydrogen phosphate + potassium hydroxide + disodium phosphate dihydrate; boric acid;
  ammonium acetate; ammonium bicarbonate; ammonium bromide + potassium bromide + sodium bromide; potassium bromide;
  potassium chlorate; potassium nitrate; sodium perchlorate; alum; antimony; barium; ferric chloride; ferric subsulfate;
  chloroform; coumarin; oleic acid; oleic acid + turpentine oil; soya oil + lauromacrogols; sulfuric acid; peracetic acid;
  sodium dichloroisocyanurate; calcium sulphate; emulsifying wax; carbomer 974p; carbomer 980; casein; orange; wild cherry;
  malic acid; fumaric acid; aloin; aloes + podophyllum resin + storax + sumatra benzoin; aloes + sumatra benzoin; sumatra benzoin;
  pyrogallol; pyrogallol + wheatgerm oil; salicylic acid + phenol + pyrogallol; monobenzone; hydroxyapatite; silicone;
  diethyl phthalate + methyl salicylate; camphor + industrial methylated spirit + oleic acid; camphor + soft soap + turpentine oil;
  camphor + sulfurated potash + zinc sulfate; industrial methylated spirit + soft soap; castor oil + collodion + colophony;
  ethanol; ethanol + iodine + potassium iodide; glycine + ethanol; sodium acetate + sodium oxybate + sodium propionate;
  potassium acid tartrate + potassium bicarbonate; calcium glubionate + calcium lactobionate; dried yeast; wheat dextrin; n,n-dimethylglycine; sodium dl-3-hydroxybutyrate;
  hydrolysed whey protein + maltodextrin; medium chain triglycerides; medium-chain triglycerides; galactose;
  glucose + treacle; gentian + sodium bicarbonate`);

const SPECIALIST_CLINIC =
  words(`grass pollen; tree pollen; bee venom; wasp venom; apple mistletoe; apple mistletoe + copper carbonate;
  apple mistletoe + mercuric sulfate; apple mistletoe + silver carbonate; ash mistletoe; oak mistletoe;
  oak mistletoe + copper carbonate; oak mistletoe + mercuric sulfate; oak mistletoe + silver carbonate; pine mistletoe;
  pine mistletoe + mercuric sulfate; anthrax vaccine; smallpox vaccine; tuberculosis vaccine; influenza h1n1 vaccine;
  bacillus calmette-guerin; attenuated strain of bacillus calmette-guerin; connaught strain bacillus of calmette-guerin;
  rivm strain bacillus of calmette-guerin; tice strain bacillus of calmette-guerin; lyophilised bacterial lysates of escherichia coli;
  streptococcus pyogenes su strain cells; amyl nitrite; dibotermin alfa; eptotermin alfa; becaplermin; cenegermin;
  nusinersen; inotersen; dinutuximab beta; tasonermin; palifermin; sargramostim; molgramostim; aldesleukin;
  interferon gamma; cerliponase alfa; asfotase alfa; sebelipase alfa; velaglucerase alfa; imiglucerase; laronidase;
  idursulfase; galsulfase; elosulfase alfa; alglucosidase alfa; agalsidase alfa; agalsidase beta; sacrosidase; sucrase`);

const CHILDHOOD_VACCINES = words(`diphtheria + tetanus + pertussis + haemophilus influenzae type b vaccine;
  diphtheria + tetanus + pertussis + hepatitis b + poliomyelitis + haemophilus influenzae type b vaccine;
  diphtheria + tetanus + pertussis + poliomyelitis + haemophilus influenzae type b vaccine;
  diphtheria + tetanus + pertussis + poliomyelitis vaccine; diphtheria + tetanus + pertussis vaccine; diphtheria + tetanus vaccine;
  haemophilus influenzae type b vaccine; haemophilus influenzae type b + meningococcal group c vaccine;
  measles + mumps + rubella vaccine; measles vaccine; rubella vaccine; rotavirus vaccine; meningococcal group c vaccine;
  meningococcal group b vaccine; poliomyelitis vaccine; tetanus vaccine`);

const INTRAVENOUS_FLUID_PARTS =
  words(`sodium chloride; potassium chloride; glucose; sodium lactate; calcium chloride; magnesium chloride;
  sodium bicarbonate; sodium acetate; calcium chloride dihydrate; magnesium sulfate; dextran 40; dextran 70; procaine;
  sodium citrate; citric acid; potassium bicarbonate`);

/** Names of VTMs that are oral rehydration or otherwise counter products despite looking like fluids. */
const COUNTER_ELECTROLYTES =
  words(`glucose + sodium chloride + sodium citrate; citric acid + glucose + sodium citrate;
  potassium bicarbonate + potassium chloride; sodium bicarbonate + sodium chloride; sodium bicarbonate + sodium citrate;
  glucose + sodium chloride + sodium bicarbonate`);

// Self-injected biologics a community pharmacy does dispense; other antibodies and fusion proteins are infusions.
export const SELF_INJECTED_BIOLOGICS =
  words(`adalimumab; etanercept; certolizumab pegol; golimumab; secukinumab; ixekizumab;
  ustekinumab; guselkumab; brodalumab; tildrakizumab; dupilumab; omalizumab; mepolizumab; benralizumab; evolocumab;
  alirocumab; erenumab; denosumab; sarilumab; tocilizumab; anakinra; abatacept; canakinumab; emicizumab; burosumab;
  teriparatide; dulaglutide; exenatide; liraglutide; lixisenatide; semaglutide; albiglutide; insulin degludec + liraglutide;
  insulin glargine + lixisenatide; glatiramer; peginterferon beta-1a; interferon beta-1a; interferon beta 1b; filgrastim;
  pegfilgrastim; lipegfilgrastim; lenograstim; epoetin alfa; epoetin beta; epoetin zeta; darbepoetin alfa;
  methoxy polyethylene glycol-epoetin beta; follitropin alfa; follitropin beta; follitropin delta; follitropin alfa + lutropin alfa;
  choriogonadotropin alfa; corifollitropin alfa; lutropin alfa; menotrophin; urofollitropin; chorionic gonadotrophin;
  ganirelix; cetrorelix; somatropin; mecasermin; romiplostim; peginterferon alfa-2a; peginterferon alfa-2b; interferon alfa-2a;
  interferon alfa-2b; pegvisomant; parathyroid hormone; calcitonin; enfuvirtide; fondaparinux sodium; icatibant;
  c1-esterase inhibitor; dornase alfa; palivizumab`);

const isBiologicName = (n: string): boolean =>
  /(mab|mab pegol|mab vedotin|mab emtansine|mab ozogamicin|mab beta|cept)$/.test(n) ||
  /\b(alfa|beta|gamma|delta|zeta|theta)\b/.test(n) ||
  /^(epoetin|interferon|peginterferon|follitropin)/.test(n);

/** Why a VTM is not stocked, or null when the demo pharmacy stocks it. */
export const skipReason = (name: string, invalid: boolean): SkipReason | null => {
  const n = name.toLowerCase().trim();
  if (invalid || /\binvalid\b/.test(n)) return 'invalid';
  if (n.startsWith('homeopathic')) return 'homeopathic';
  if (/\bgas\b|^oxygen|^air\b|nitrous oxide|^helium|carbon dioxide|^nitric oxide/.test(n))
    return 'medical gas';
  if (/^(gado|io(bitridol|dixanol|hexol|meprol|pamidol|promide|trolan|versol))/.test(n) || DIAGNOSTIC.has(n))
    return 'imaging or diagnostic agent';
  if (THEATRE.has(n)) return 'anaesthesia or theatre use';
  if (
    /immunoglobulin|antiserum|antisera|antitoxin|factor|octocog|nonacog|eptacog|von willebrand|fibrinogen|thrombin|plasma|albumin|cryoprecipitate|protein c human|proteinase inhibitor|\b(heta|hexa|penta|tetra)starch|^dextran|polygeline|antithrombin/.test(
      n,
    )
  )
    return 'blood product, immunoglobulin or antiserum';
  if (/cells\b|leucel|darvadstrocel|laherparepvec|tissue|teragenome/.test(n))
    return 'cell, gene or tissue therapy';
  if (HOSPITAL_ANTIDOTE.has(n)) return 'hospital antidote';
  if (WITHDRAWN.has(n)) return 'withdrawn from the market';
  if (RAW_MATERIAL.has(n)) return 'raw material or excipient';
  if (CHILDHOOD_VACCINES.has(n)) return 'childhood immunisation programme vaccine';
  if (SPECIALIST_CLINIC.has(n)) return 'specialist clinic product';
  if (HOSPITAL_INJECTION.has(n) || /teplase$|^urokinase|^streptokinase/.test(n))
    return 'hospital infusion or injection';
  if (isBiologicName(n) && !SELF_INJECTED_BIOLOGICS.has(n) && !n.startsWith('insulin'))
    return 'hospital infusion or injection';
  const parts = n.split(' + ');
  if (parts.length > 1 && !COUNTER_ELECTROLYTES.has(n) && parts.every((p) => INTRAVENOUS_FLUID_PARTS.has(p)))
    return 'intravenous or dialysis fluid';
  return null;
};
