/**
 * The word lists behind normalisation. Each canonical form is an arbitrary stable key: what
 * matters is that every spelling a bookkeeper would treat as the same word lands on it.
 */

function canon(groups: Record<string, string[]>): Map<string, string> {
  const m = new Map<string, string>();
  for (const [key, spellings] of Object.entries(groups)) {
    m.set(key, key);
    for (const s of spellings) m.set(s, key);
  }
  return m;
}

/** Legal-form words, removed from the end of a business name (after folding and joining "l.l.c."). */
export const LEGAL_SUFFIXES: ReadonlySet<string> = new Set([
  'llc', 'lc', 'ltd', 'limited', 'inc', 'incorporated', 'co', 'company', 'corp', 'corporation', 'pc', 'pllc',
  'llp', 'lllp', 'lp', 'plc', 'pa', 'gmbh', 'ag', 'sa', 'srl', 'bv', 'nv', 'pty', 'ltda', 'apc', 'sc', 'chtd',
  'chartered', 'lpa', 'psc', 'ps', 'sas', 'spa', 'oy', 'ab', 'kg', 'cie',
]);

/** Multi-word legal forms, rewritten to one token before the suffix strip. */
export const LEGAL_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\blimited liability (company|co)\b/g, 'llc'],
  [/\blimited liability partnership\b/g, 'llp'],
  [/\blimited partnership\b/g, 'lp'],
  [/\bprofessional (corporation|corp)\b/g, 'pc'],
  [/\bprofessional association\b/g, 'pa'],
  [/\bprofessional (limited liability company|llc)\b/g, 'pllc'],
  [/\band (company|co)\s*$/g, ' co'],
];

/** Abbreviations in business names, both directions ("Assoc." = "Associates"). */
export const BUSINESS_ABBREVIATIONS: ReadonlyMap<string, string> = canon({
  assoc: ['assocs', 'assn', 'associates', 'association', 'associated', 'asso', 'assc'],
  svc: ['svcs', 'serv', 'servs', 'service', 'services', 'srvc', 'srvcs'],
  mgmt: ['mgt', 'mngmt', 'management'],
  bros: ['bro', 'brothers', 'brother'],
  intl: ['international', 'internatl'],
  mfg: ['manufacturing', 'manuf', 'mfrs', 'mfr', 'manufacturers', 'manufacturer'],
  acctg: ['accounting', 'acctng'],
  dept: ['department', 'dpt'],
  st: ['saint'],
  ste: ['sainte'],
  mt: ['mount'],
  ft: ['fort'],
  ctr: ['center', 'centre', 'cntr'],
  natl: ['national', 'nat'],
  grp: ['group'],
  hldg: ['hldgs', 'holdings', 'holding'],
  ent: ['ents', 'enterprise', 'enterprises', 'entpr'],
  sys: ['system', 'systems'],
  tech: ['technology', 'technologies', 'techs'],
  med: ['medical'],
  univ: ['university'],
  inst: ['institute'],
  constr: ['const', 'construction', 'contruction'],
  dev: ['development', 'devel'],
  eng: ['engr', 'engineering', 'engg'],
  prop: ['props', 'property', 'properties'],
  ins: ['insurance', 'insur'],
  fin: ['financial'],
  gen: ['general', 'genl'],
  elec: ['electric', 'electrical'],
  plbg: ['plumbing'],
  coop: ['cooperative'],
  distr: ['distribution', 'distributors', 'distributor', 'dist'],
  equip: ['equipment'],
  sply: ['supply', 'supplies', 'suppl'],
  prods: ['products', 'product', 'prod'],
  invst: ['investments', 'investment', 'invest'],
  partners: ['ptnrs', 'prtnrs'],
  and: [],
});

/** Abbreviations in work/expense code and item names. */
export const ITEM_ABBREVIATIONS: ReadonlyMap<string, string> = canon({
  prep: ['preparation', 'prepare', 'preparing', 'prp'],
  bookkeeping: ['bkpg', 'bkkpg', 'bookkpg', 'bkkp', 'bk'],
  monthly: ['mo', 'mthly', 'mnthly', 'month', 'mon'],
  quarterly: ['qtr', 'qtrly', 'quarter', 'qrtly'],
  annual: ['yr', 'yrly', 'yearly', 'annually', 'ann', 'year'],
  weekly: ['wk', 'wkly', 'week'],
  biweekly: ['biwkly', 'biwk'],
  semimonthly: ['semimo', 'semimthly'],
  hour: ['hr', 'hrs', 'hourly'],
  admin: ['administration', 'administrative', 'adm'],
  consult: ['consulting', 'consultation', 'consultations', 'cnslt'],
  fin: ['financial', 'finl'],
  stmt: ['stmts', 'statement', 'statements'],
  return: ['rtn', 'rtns', 'ret', 'returns'],
  corp: ['corporate', 'corporation', 'corporations', 'ccorp'],
  indiv: ['ind', 'individual', 'individuals', 'personal'],
  bus: ['biz', 'business', 'businesses'],
  fed: ['federal'],
  state: ['st'],
  misc: ['miscellaneous'],
  exp: ['exps', 'expense', 'expenses'],
  reimb: ['reimbursement', 'reimbursable', 'reimbursed'],
  travel: ['trvl'],
  postage: ['postg', 'pstg'],
  tax: ['tx', 'taxes'],
  acctg: ['accounting', 'acctng', 'acct'],
  pmt: ['payment', 'payments', 'pymt'],
  payroll: ['pyrl', 'pr'],
  svc: ['svcs', 'serv', 'service', 'services'],
  mgmt: ['mgt', 'management'],
  partnership: ['ptnrshp', 'partnerships', 'prtnrshp'],
  mgr: ['manager'],
  dept: ['department'],
  assoc: ['associate', 'associates'],
  sr: ['senior'],
  jr: ['junior'],
  nonprofit: ['nonprofits', 'npo'],
  compilation: ['comp', 'compil'],
  reconciliation: ['recon', 'reconcile', 'reconciliations'],
  research: ['rsrch'],
  software: ['sw'],
  subscription: ['subscr', 'sub', 'subscriptions'],
  copies: ['copy', 'copying'],
  processing: ['proc', 'process'],
  and: [],
});

/** Words that carry no identity in business and item names. */
export const STOPWORDS: ReadonlySet<string> = new Set(['and', 'of', 'the', 'for', 'a', 'an', 'per', 'with', 'to', 'at', 'on', 'in']);

/** Multi-word spellings of one item word ("non profit", "not for profit"). */
export const ITEM_PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bnot for profit\b/g, 'nonprofit'],
  [/\bnon profit\b/g, 'nonprofit'],
  [/\bbi weekly\b/g, 'biweekly'],
  [/\bsemi monthly\b/g, 'semimonthly'],
  [/\bc corp(oration)?\b/g, 'ccorp'],
  [/\bs corp(oration)?\b/g, 'scorp'],
  [/\bbook keeping\b/g, 'bookkeeping'],
];

/** Generational suffixes: different values mean different people. */
export const GENERATIONAL: ReadonlyMap<string, string> = canon({
  jr: ['junior', 'jnr'],
  sr: ['senior', 'snr'],
  ii: ['2nd'],
  iii: ['3rd'],
  iv: ['4th'],
});

/** Courtesy titles before a person's name: dropped. */
export const TITLES: ReadonlySet<string> = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'rev', 'hon', 'sir', 'dame', 'fr']);

/** Post-nominal letters after a person's name: dropped (a CPA is the same person without them). */
export const POST_NOMINALS: ReadonlySet<string> = new Set([
  'md', 'phd', 'cpa', 'esq', 'dds', 'dmd', 'dvm', 'rn', 'jd', 'mba', 'cfp', 'ea', 'pe', 'cfa', 'np', 'pa', 'lcsw', 'od',
]);

/** Surname particles that belong to the last name ("Ana de la Cruz" → last name "de la cruz"). */
export const SURNAME_PARTICLES: ReadonlySet<string> = new Set([
  'de', 'da', 'das', 'do', 'dos', 'del', 'della', 'der', 'den', 'di', 'du', 'la', 'le', 'van', 'von', 'ter', 'ten', 'bin', 'al', 'el', 'st', 'ben', 'mac',
]);

/** Prefixes that turn a word into a different word ("weekly" / "biweekly", "profit" / "nonprofit"). */
export const MEANINGFUL_PREFIXES: readonly string[] = ['bi', 'semi', 'non', 'un', 're', 'pre', 'post', 'sub', 'multi', 'inter', 'mid', 'co', 'de', 'dis', 'in', 'over', 'under', 'self'];

/**
 * Ordinary words seen in business and item names. Two different words from this list are
 * different words, never a typo of each other ("Annual" / "Manual", "Pest" / "Post").
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set([
  'plumbing', 'plbg', 'electric', 'elec', 'constr', 'roofing', 'landscaping', 'landscape', 'bakery', 'cafe', 'restaurant', 'grill',
  'deli', 'pizza', 'pizzeria', 'auto', 'automotive', 'motors', 'motor', 'repair', 'repairs', 'dental', 'dentistry', 'clinic', 'med', 'law',
  'legal', 'firm', 'partners', 'grp', 'consult', 'consulting', 'solutions', 'design', 'designs', 'studio', 'studios', 'salon', 'spa',
  'fitness', 'gym', 'market', 'markets', 'foods', 'food', 'farm', 'farms', 'ranch', 'realty', 'real', 'estate', 'homes', 'home', 'builders',
  'sply', 'hardware', 'printing', 'print', 'media', 'marketing', 'capital', 'ventures', 'hldg', 'trust', 'foundation', 'church',
  'school', 'academy', 'bank', 'ins', 'agency', 'trucking', 'logistics', 'transport', 'freight', 'cleaning', 'janitorial', 'pest',
  'control', 'painting', 'flooring', 'heating', 'cooling', 'hvac', 'tree', 'lawn', 'garden', 'gardens', 'nursery', 'pet', 'pets',
  'veterinary', 'animal', 'hospital', 'pharmacy', 'optical', 'eye', 'care', 'imports', 'import', 'exports', 'export', 'trading', 'wholesale', 'retail',
  'store', 'shop', 'boutique', 'gallery', 'photography', 'films', 'productions', 'events', 'catering', 'coffee', 'brewing',
  'brewery', 'winery', 'vineyards', 'vineyard', 'tavern', 'pub', 'bar', 'inn', 'hotel', 'motel', 'lodge', 'travel', 'tours', 'prop',
  'mgmt', 'invst', 'fin', 'tax', 'acctg', 'bookkeeping', 'cpa', 'assoc', 'bros', 'sons', 'daughters', 'ent', 'industries',
  'sys', 'tech', 'software', 'labs', 'lab', 'works', 'tire', 'tires', 'glass', 'machine', 'tool', 'tools', 'steel', 'metal', 'metals',
  'fabrication', 'welding', 'solar', 'energy', 'oil', 'gas', 'water', 'environmental', 'eng', 'architects', 'architecture',
  'surveying', 'title', 'escrow', 'mortgage', 'lending', 'credit', 'union', 'club', 'society', 'council', 'fund', 'svc', 'ctr',
  'north', 'south', 'east', 'west', 'northern', 'southern', 'eastern', 'western', 'central', 'valley', 'river', 'lake', 'mountain',
  'coast', 'bay', 'creek', 'hill', 'hills', 'park', 'city', 'county', 'metro', 'urban', 'rural', 'american', 'pacific', 'atlantic',
  'united', 'global', 'natl', 'intl', 'first', 'premier', 'elite', 'quality', 'precision', 'advanced', 'modern', 'classic', 'golden',
  'silver', 'blue', 'green', 'red', 'black', 'white', 'oak', 'pine', 'cedar', 'maple', 'summit', 'peak', 'ridge', 'harbor', 'bridge',
  'stone', 'rock', 'sun', 'star', 'eagle', 'falcon', 'hawk', 'lion', 'bear', 'wolf', 'fox', 'mfg', 'distr', 'equip', 'prods', 'dev',
  'kitchen', 'bath', 'floors', 'windows', 'doors', 'cabinets', 'concrete', 'paving', 'excavating', 'demolition', 'moving', 'storage',
  'security', 'staffing', 'insurance', 'wealth', 'advisors', 'advisory', 'planning', 'health', 'wellness', 'therapy', 'chiropractic',
  'orthodontics', 'pediatrics', 'family', 'kids', 'childrens', 'learning', 'tutoring', 'music', 'dance', 'art', 'arts', 'craft',
  'crafts', 'books', 'wine', 'spirits', 'liquor', 'bakers', 'butcher', 'seafood', 'fish', 'produce', 'organic', 'natural',
  'post', 'past', 'best', 'rest', 'test', 'nest', 'west', 'land', 'sand', 'band', 'hand', 'bank', 'tank', 'mark', 'park', 'pack',
  'fast', 'last', 'cast', 'coast', 'toast', 'host', 'most', 'main', 'rain', 'gain', 'line', 'pine', 'mine', 'wine', 'fine', 'vine',
  'rental', 'rentals', 'outlet', 'express', 'annex', 'two', 'three', 'one', 'plaza', 'square', 'court', 'place', 'point', 'port',
  'sport', 'sports', 'motel', 'hostel', 'salon', 'saloon', 'diner', 'dinner', 'bistro', 'baker', 'bakery', 'floral', 'florist',
  // item words
  'prep', 'monthly', 'quarterly', 'annual', 'weekly', 'biweekly', 'semimonthly', 'hour', 'admin', 'stmt', 'return', 'corp',
  'indiv', 'bus', 'fed', 'state', 'local', 'misc', 'exp', 'reimb', 'postage', 'pmt', 'payroll', 'partnership', 'mgr', 'nonprofit',
  'compilation', 'reconciliation', 'research', 'subscription', 'copies', 'audit', 'review', 'manual', 'mileage', 'meals', 'lodging',
  'airfare', 'filing', 'fee', 'fees', 'courier', 'delivery', 'extension', 'amended', 'amendment', 'notice', 'response', 'planning',
  'projection', 'projections', 'budget', 'forecast', 'valuation', 'appraisal', 'gift', 'estate', 'trust', 'fiduciary', 'sales',
  'use', 'property', 'franchise', 'excise', 'income', 'quarterly', 'estimated', 'estimates', 'setup', 'cleanup', 'catch', 'up',
  'training', 'support', 'phone', 'onsite', 'remote', 'staff', 'partner', 'principal', 'clerical', 'technology', 'entity',
  'formation', 'dissolution', 'sr', 'jr', 'scorp', 'ccorp', 'llc', 'irs', 'representation', 'exam', 'examination', 'internal',
  'external', 'agreed', 'upon', 'procedures', 'attest', 'advisory', 'ledger', 'journal', 'entries', 'closing', 'year', 'end',
  'software', 'license', 'printing', 'binding', 'scanning', 'storage', 'shredding', 'parking', 'tolls', 'overnight', 'shipping',
]);

/**
 * Words that mark a contact name as a business when nothing else says so. Kept apart from
 * COMMON_WORDS on purpose: "Fox", "Stone", "West" are common surnames, "Plumbing" is not.
 */
export const BUSINESS_MARKERS: ReadonlySet<string> = new Set([
  ...LEGAL_SUFFIXES,
  'assoc', 'svc', 'mgmt', 'bros', 'intl', 'mfg', 'acctg', 'dept', 'ctr', 'natl', 'grp', 'hldg', 'ent', 'sys', 'tech', 'univ', 'inst',
  'constr', 'eng', 'prop', 'ins', 'fin', 'elec', 'plbg', 'coop', 'distr', 'equip', 'sply', 'prods', 'invst', 'partners',
  'roofing', 'landscaping', 'bakery', 'cafe', 'restaurant', 'grill', 'deli', 'pizza', 'pizzeria', 'auto', 'automotive', 'motors',
  'repair', 'repairs', 'dental', 'clinic', 'law', 'legal', 'firm', 'consulting', 'solutions', 'design', 'designs', 'studio',
  'studios', 'salon', 'spa', 'fitness', 'gym', 'market', 'markets', 'foods', 'farms', 'ranch', 'realty', 'homes', 'builders', 'hardware',
  'printing', 'media', 'marketing', 'capital', 'ventures', 'trust', 'foundation', 'church', 'school', 'academy', 'bank', 'agency',
  'trucking', 'logistics', 'transport', 'freight', 'cleaning', 'janitorial', 'pest', 'painting', 'flooring', 'heating', 'cooling',
  'hvac', 'lawn', 'nursery', 'veterinary', 'hospital', 'pharmacy', 'optical', 'care', 'imports', 'exports', 'trading', 'wholesale',
  'retail', 'store', 'shop', 'boutique', 'gallery', 'photography', 'films', 'productions', 'events', 'catering', 'coffee', 'brewing',
  'brewery', 'winery', 'vineyards', 'tavern', 'pub', 'inn', 'hotel', 'motel', 'lodge', 'travel', 'tours', 'tax', 'bookkeeping', 'cpa',
  'sons', 'industries', 'software', 'labs', 'works', 'tire', 'tires', 'machine', 'tools', 'fabrication', 'welding', 'solar', 'energy',
  'environmental', 'architects', 'architecture', 'surveying', 'escrow', 'mortgage', 'lending', 'credit', 'union', 'club', 'society',
  'council', 'fund', 'kitchen', 'cabinets', 'concrete', 'paving', 'excavating', 'demolition', 'moving', 'storage', 'security', 'staffing',
  'wealth', 'advisors', 'advisory', 'health', 'wellness', 'therapy', 'chiropractic', 'orthodontics', 'pediatrics', 'learning',
  'tutoring', 'dance', 'crafts', 'books', 'wine', 'spirits', 'liquor', 'seafood', 'produce', 'organic', 'estate', 'family', 'county',
  'city', 'of', 'the', 'and', 'llc', 'dba',
]);
