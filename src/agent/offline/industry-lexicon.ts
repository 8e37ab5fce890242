import { INDUSTRIES, type Industry } from './signup-fields.js';
import { alternation, PerTextCache, probeKey } from './text-probe.js';

/**
 * Words and phrases that tell a business's industry, with a weight: the more specific a word, the
 * heavier. A weight-4 activity ("martial arts", "barber", "ramen") beats a weight-3 teaching word
 * ("academy", "school", "lessons"), which beats a swimming or generic-goods word ("swim", "shop"), so
 * "martial arts academy" reads fitness, "swim academy" tutoring, "barber shop" beauty, "bike shop" retail.
 * Phrases are matched longest first, so "beauty bar" never reads as a bar and "pet grooming" never as beauty.
 * Each string is split on `|` into alternatives, so a group inside one may hold `?` or `[…]` but never `|`.
 */
const LEXICON: Readonly<Record<Industry, readonly (readonly [number, string])[]>> = {
  beauty: [
    [4, 'peluquer[ií]a|peluqueros?|barber[ií]a|cabeleireir[oa]s?|sal[aã]o de beleza|coiffure|coiffeur|coiffeuse|salon de coiffure|manicura|uñas|unhas|salon kecantikan|美髮|美发|美容'],
    [5, 'hair salon|hair studio|hairdresser|hairdressers|hairdressing|hair stylist|hair stylists|hair and beauty|beauty salon|beauty parlou?r|beauty bar|beauty studio|beauty clinic|beauty lounge|nail salon|nail studio|nail bar|nail art|brow bar|lash bar|lash studio|blow dry bar|blow-dry bar|day spa|med spa|medspa|massage therapy|massage therapist|makeup artist|make-up artist|skin clinic|aesthetics clinic|aesthetic clinic|tanning salon|tattoo studio|tattoo parlou?r|tattoo shop|barber shop|barbershop|barbers shop'],
    [4, 'hair|haircuts?|salon|salons|nails?|manicures?|pedicures?|barbers?|barbering|spas?|massages?|lash|lashes|eyelash(?:es)?|extensions|brows?|eyebrows?|waxing|facials?|skincare|skin care|aesthetics|beauty|beautician|cosmetology|tanning|tattoos?|piercings?|stylists?|threading|microblading|reflexology|grooming|peluquería|peluqueria|salón de belleza|salon de belleza|barbería|barberia|uñas|estética|estetica|美容|美甲|髮型|发型|理髮|理发|按摩|水療|水疗|美髮|美发'],
  ],
  fitness: [
    [4, 'tango|salsa|flamenco|gimnasio|gin[aá]sio|academia de baile|escuela de baile|artes marciales|artes marciais|武术馆|武術館|健身房|瑜伽'],
    [5, 'boutique gym|boutique fitness|fitness studio|fitness centre|fitness center|fitness club|health club|personal trainer|personal trainers|personal training|martial arts|jiu-jitsu|jiu jitsu|kung fu|muay thai|dance studio|dance school|dance academy|ballet school|yoga studio|pilates studio|climbing gym|climbing wall|boxing gym|boxing club|crossfit box|spin studio|cycling studio|swim team'],
    [4, 'gyms?|fitness|yoga|pilates|barre|dance|dancing|ballet|zumba|karate|judo|taekwondo|kickboxing|boxing|mma|bjj|wrestling|fencing|aikido|climbing|bouldering|crossfit|trainers?|bootcamp|hiit|calisthenics|weightlifting|dojo|dojang|capoeira|krav maga|hapkido|wing chun|kendo|tai chi|qigong|meditation|powerlifting|spin classes|strength and conditioning|gimnasio|estudio de yoga|健身|瑜伽|瑜珈|武術|武术|功夫|舞蹈|拳擊|拳击'],
    [2, 'swim|swimming|tennis|golf|running club|sports club'],
  ],
  tutoring: [
    [4, 'bimbel|bimbingan belajar|tempat les|les privat|escuela de idiomas|clases particulares|aulas particulares|cours particuliers|補習|补习'],
    [5, 'scuba diving school|diving school|dive school|scuba school|sailing school|flight school|ski school|surf school|homework club|learning centre|learning center|tuition centre|tuition center|education centre|education center|enrichment centre|enrichment center|driving school|driving lessons|language school|music school|art school|coding school|cooking school|cooking classes|beauty school|beauty academy|hairdressing school|barber school|barber academy|test prep|exam prep|coding bootcamp|coding bootcamps|coding camp|code camp|programming school|programming bootcamp|after-school|after school|afterschool|tutoring centre|tutoring center|kids coding|escuela|academia|clases|補習社|补习社|補習|补习|教育中心|學院|学院'],
    [3, 'tutors?|tutoring|tuition|school|schools|academy|academies|lessons|classes|courses|learning|education|educational|enrichment|teaching|teacher|piano|guitar|violin|music lessons|languages?|preschool|kindergarten|nursery school|prep|學校|学校|課程|课程'],
    [2, 'class|study|studies|maths?|english|stem|coding'],
  ],
  hospitality: [
    [4, 'tea stall|chai stall|chai|bakeshop|taquer[ií]a|cevicher[ií]a|cebicher[ií]a|panader[ií]a|padaria|restaurante|cafeter[ií]a|warung makan|warung|maison d.h[oô]tes|riad|posada|pousada|hostal|甜點|甜点|咖啡店|餐廳|餐厅'],
    [5, 'boutique hotel|boutique hostel|coffee shop|coffee house|coffee bar|espresso bar|wine bar|cocktail bar|sports bar|juice bar|tea house|tea room|tea shop|bubble tea|ice cream|food truck|taco truck|food stall|street food|hawker stall|noodle house|bed and breakfast|guest house|dim sum|dessert shop|donut shop|doughnut shop|ramen shop|noodle shop|noodle bar|sushi bar|tapas bar|tea restaurant|bagel shop|sandwich shop|cake shop|cupcake shop|pizza shop|burger joint|juice shop|smoothie shop|gelato shop|crepe shop|waffle shop|kebab shop|pie shop|茶餐廳|茶餐厅'],
    [4, 'hospitality|caf[eé]s?|coffee|coffeehouse|restaurants?|bistro|brasserie|diner|eatery|pub|pubs|tavern|brewery|brewpub|taproom|bakery|bakeries|bakehouse|patisserie|pâtisserie|boulangerie|hotels?|motel|hostel|guesthouse|b&b|resort|ramen|sushi|pizzeria|pizza|burgers?|taqueria|teahouse|boba|gelato|gelateria|catering|caterers?|dumplings?|creperie|canteen|izakaya|trattoria|tacos?|kebabs?|shawarma|falafel|bbq|barbecue|grill|deli|delicatessen|smokehouse|poke|brunch|dining|pho|desserts?|eats|steakhouse|cantina|kitchen|restaurante|cafetería|cafeteria|panadería|panaderia|早餐|早餐店|餐廳|餐厅|咖啡|酒吧|麵包|面包|酒店|茶樓|茶楼|甜品'],
    [3, 'noodles?|inn|lodge|winery|bao|buns|salads?|soups?|curry|pasta|cookies|churros|hot dogs?|fried chicken|wings|frozen yogurt|froyo|bagels?|sandwiches|cupcakes?|cakes|pastry|pastries|donuts?|doughnuts?|smoothies?|waffles?|crepes?'],
    [2, 'bar|bars'],
  ],
  retail: [
    [4, 'tienda|loja|toko|librer[ií]a|livraria|librairie|ferreter[ií]a|quincaller[ií]a'],
    [5, 'flower shop|gift shop|pet shop|pet store|pet supplies|bike shop|bicycle shop|book shop|record store|record shop|wine shop|liquor store|bottle shop|toy store|toy shop|hardware store|convenience store|grocery store|online store|online shop|e-commerce|ecommerce|beauty supply|clothing store|shoe store|furniture store|thrift store|charity shop|outdoor gear|sporting goods|electronics shop|electronics store'],
    [4, 'retailer|retailers|retail|florists?|bookstore|bookshop|boutique|grocery|grocer|supermarket|minimart|pharmacy|chemist|butcher|butchers|butchery|butcher shop|jewell?ery|jewell?er|homeware|stationery|antiques|apparel|clothing|fashion|outfitters|toys|electronics|tienda|tienda de ropa|librería|libreria|floristería|floristeria|zapatería|零售|花店|書店|书店|商店'],
    [3, 'sell|supplements|books|florals|flowers|gadgets|gear|shoes|sneakers|furniture|vintage|thrift|cosmetics|perfume|sells|selling|merchandise|goods|market'],
    [1, 'shops?|stores?'],
  ],
  services: [
    [5, 'banho e tosa|peluquer[ií]a canina|lavander[ií]a|lavanderia|limpieza|limpeza|nettoyage|pressing|contabilidad|contabilidade|gestor[ií]a|fotograf[ií]a'],
    [5, 'pet grooming|dog grooming|cat grooming|dog walking|pet sitting|dry cleaning|dry cleaners?|cleaning company|cleaning service|moving company|removals company|law firm|marketing agency|design agency|travel agency|web design|graphic design|interior design|it support|auto repair|car repair|phone repair|repair shop|car wash|print shop|event planning|wedding planner|wedding planning|real estate|property management|pest control|photo studio|photography studio|coworking space|co-working space|shared office|accounting firm|tax services?|home care|tailor shop|daycare|day care|childcare|child care'],
    [4, 'cleaning|cleaners|janitorial|moving|movers|removals|accounting|accountants?|bookkeeping|bookkeepers?|photography|photographers?|laundry|laundromat|consulting|consultancy|consultants?|plumbing|plumbers?|electricians?|legal|lawyers?|solicitors?|attorneys?|notary|landscaping|gardening|handyman|locksmiths?|roofing|hvac|renovations?|architects?|architecture|translation|recruitment|staffing|insurance|mechanics?|detailing|printing|couriers?|logistics|tailors?|tailoring|alterations|veterinary|vet|vets|dentists?|dental|physiotherapy|physio|podiatry|podiatrist|chiropodist|optometry|optometrist|optician|osteopathy|osteopath|acupuncture|acupuncturist|audiologist|counsell?ing|psychotherapy|psychologist|nutritionist|dietitian|speech therapy|occupational therapy|chiropractic|chiropractor|clinic|realtors?|contractors?|construction|repairs?|agency|limpieza|lavandería|lavanderia|fotografía|contabilidad|mudanzas|清潔|清洁|搬屋|搬家|會計|会计|攝影|摄影|洗衣|律師|律师'],
    [3, 'coworking|co-working'],
    [1, 'services?'],
  ],
  other: [[4, 'dive centre|dive center|scuba diving|tour operator|escape rooms?|escape game|arcade|bowling alley|cinema|theatre company|theater company|museum|art gallery|event venue|trampoline park|software|saas|startup|start-up|tech company|nonprofit|non-profit|charity|ngo|church|manufacturer|manufacturing|factory|farm|app developer']],
};

interface Term {
  readonly industry: Industry;
  readonly weight: number;
}

/** One word or phrase of the lexicon: its regex source, its term, and a probe (text-probe.ts). */
interface Alternative {
  readonly source: string;
  readonly term: Term;
  readonly chinese: boolean;
  readonly probe: string;
}

let lexicon: Alternative[] | null = null;

const CJK = /[\u3400-\u9fff]/u;

/**
 * The literal start every match of `alternative` has: up to its first space or regex syntax, minus a letter made
 * optional by `?` (`caf[eé]s?` → "caf", `jewell?ery` → "jewel", `beauty parlou?r` → "beauty").
 */
function literalProbe(alternative: string): string {
  if (CJK.test(alternative)) return probeKey(alternative);
  const word = alternative.split(' ')[0] ?? alternative;
  const syntax = word.search(/[[(?]/);
  if (syntax === -1) return probeKey(word);
  return probeKey(word.slice(0, word[syntax] === '?' ? syntax - 1 : syntax));
}

function getLexicon(): Alternative[] {
  lexicon ??= INDUSTRIES.flatMap((industry) =>
    LEXICON[industry].flatMap(([weight, alternatives]) =>
      alternatives.split('|').map((alternative) => ({
        source: alternative.replace(/ /g, '[\\s-]+'),
        term: { industry, weight },
        chinese: CJK.test(alternative),
        probe: literalProbe(alternative),
      })),
    ),
  );
  return lexicon;
}

/** What reading one text needs: the words that can occur in it, and which term each is. */
interface TextLexicon {
  /** Finds words and phrases, longest first; Chinese needs no word edges. */
  readonly pattern: RegExp;
  /**
   * Tells which term a found word is: one capture group per term in lexicon order, anchored at both ends, so the
   * first term that matches the whole word wins (`$` backtracks into the next alternative).
   */
  readonly termPattern: RegExp;
  readonly terms: readonly Term[];
}

const lexiconByText = new PerTextCache<TextLexicon>(8);

function buildTextLexicon(text: string): TextLexicon {
  const haystack = probeKey(text);
  const candidates = getLexicon().filter((alternative) => haystack.includes(alternative.probe));
  // Longest alternatives first so phrases win over their words.
  const byLength = (a: string, b: string) => b.length - a.length;
  const latin = candidates.filter((alternative) => !alternative.chinese).map((alternative) => alternative.source).sort(byLength);
  const chinese = candidates.filter((alternative) => alternative.chinese).map((alternative) => alternative.source).sort(byLength);
  const words = `(?<![\\p{L}\\p{N}])(?:${alternation(latin)})(?![\\p{L}\\p{N}])`;
  return {
    pattern: new RegExp(`${words}|${alternation(chinese)}`, 'giu'),
    termPattern: new RegExp(`^(?:${alternation(candidates.map((alternative) => `(${alternative.source})`))})$`, 'iu'),
    terms: candidates.map((alternative) => alternative.term),
  };
}

/** One industry word found in a text. */
export interface IndustryMention {
  readonly industry: Industry;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
}

/** Every industry word or phrase in `text`, longest phrase first where they overlap. */
export function findIndustryMentions(text: string): IndustryMention[] {
  const mentions: IndustryMention[] = [];
  const { pattern, termPattern, terms } = lexiconByText.get(text, buildTextLexicon);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const found = match[0];
    const groups = termPattern.exec(found);
    const term = groups ? terms[groups.findIndex((group, index) => index > 0 && group !== undefined) - 1] : undefined;
    if (term) mentions.push({ ...term, start: match.index, end: match.index + found.length });
  }
  return mentions;
}

/** An industry named outright ("retail", "Hospitality"), or null. */
export function industryFromName(text: string): Industry | null {
  const word = text.trim().toLowerCase().replace(/[.!]+$/, '');
  if (word === 'service') return 'services';
  return (INDUSTRIES as readonly string[]).includes(word) ? (word as Industry) : null;
}

const NEGATED = /\b(?:not|isn['’]t|aren['’]t|never|no\s+longer)\s+(?:an?\s+|the\s+|really\s+an?\s+)?(?:[\p{L}-]+\s+)?$/iu;
const STATED = /\b(?:we['’]re|we\s+are|it['’]s|it\s+is|i['’]m|i\s+am|we['’]re\s+actually|actually)\s+(?:an?\s+)(?:[\p{Ll}-]+\s+){0,2}$/u;

/**
 * The industry `text` tells: the heaviest word wins; words said about the business (outside its name,
 * `nameSpan`) weigh a little more than words inside it; null when nothing tells.
 */
export function classifyIndustry(text: string, nameSpan: readonly [number, number] | null = null): Industry | null {
  let best: { industry: Industry; score: number } | null = null;
  const mentions = findIndustryMentions(text);
  const before = (mention: IndustryMention) => text.slice(Math.max(0, mention.start - 40), mention.start);
  // "we're not a gym", "not a nail salon": what the business is not, even where its name says so ("Yoga Shack").
  const ruledOut = new Set(mentions.filter((mention) => NEGATED.test(before(mention))).map((mention) => mention.industry));
  for (const mention of mentions) {
    if (ruledOut.has(mention.industry)) continue;
    const insideName = nameSpan !== null && mention.start >= nameSpan[0] && mention.end <= nameSpan[1];
    // "we're a bakery" says what the business is, more plainly than a word in its name or its history.
    const score = mention.weight + (insideName ? 0 : 0.5) + (STATED.test(before(mention)) ? 1 : 0);
    if (!best || score > best.score) best = { industry: mention.industry, score };
  }
  return best?.industry ?? null;
}
