import { findPlaces, placeLengthAt, placeStartsAt } from './gazetteer.js';
import { skipCorrectionWords } from './name-answer.js';
import { NOT_A_NAME, readCapitalisedRun, readFreeName, span, UNCASED_LETTER, type NameSpan } from './name-words.js';

/**
 * Where a business name stands in a sentence: after a label, in quotes, after "called", "we're", "register", a
 * description and a comma, or before one. The words of the name itself are read by name-words.ts.
 */
const LABEL =
  /(?:\b(?:organi[sz]ation|business|company|shop|store|studio|salon|brand|trading|org)(?:'s)?\s+name\s*(?:is|:|=|-)?\s*|\b(?:organi[sz]ation|business|company|org)\s*[:=]\s*|\b(?:the\s+|our\s+|my\s+)?(?:company|business|organi[sz]ation|shop|store|place)(?:'s| is)\s+(?:called\s+|named\s+)?|\b(?:its|it's|it’s|the|our)\s+name\s+is\s+|\b(?:nama\s+(?:usaha|toko|bisnis)|nombre\s+del?\s+(?:negocio|local)|nom\s+de\s+l'entreprise)\s*(?:[:=]|adalah|es|est)?\s*|\b(?:mi|nuestr[oa]|meu|minha|nosso|nossa|mon|ma|notre)\s+(?:negocio|empresa|tienda|neg[oó]cio|loja|entreprise|boutique)\s+(?:es|é|est)\s+|(?:名字|名稱|名称|店名|公司名)(?:是|係|叫|:|：)\s*)/giu;
/**
 * A lower-case word. The patterns that use it have no `i` flag: under `iu`, \p{Ll} matches capitals too, and
 * "a restaurant in Richmond, BC" read "Richmond" as a description word.
 */
const LOWER_WORD = String.raw`[\p{Ll}'’-]+`;
/** "my boutique hotel is The Willow House": a described business, "is", then a capitalised name. */
const OURS_IS = new RegExp(String.raw`\b(?:[Mm]y|[Oo]ur)\s+(?!name\s)(?:${LOWER_WORD}\s+){0,3}?${LOWER_WORD}\s+is\s+(?:called\s+|named\s+)?`, 'gu');
const CALLED = /(?:\b(?:called|named(?!\s+after\b)|known\s+as|goes\s+by|trading\s+as|t\/a|name\s+it|call\s+it|rename\s+it\s+to|renamed?\s+to|se\s+llama|se\s+chama|s'appelle|s’appelle|bernama|namanya)\s+|(?:叫做|名叫|叫|名為|名为)\s*)/giu;
/** Straight and single quotes only after a space or opening punctuation (they double as apostrophes); 「」 『』 « » anywhere. */
const QUOTED = /(?:(?:^|(?<=[\s(:—–\-,]))(?:'([^\n]{1,80}?)'(?=[\s.,;:!?)—–-]|$)|"([^"\n]{1,80})"|“([^”\n]{1,80})”|‘([^’\n]{1,80}?)’(?=[\s.,;:!?)—–-]|$))|「([^」\n]{1,80})」|『([^』\n]{1,80})』|«\s?([^»\n]{1,80}?)\s?»)/gu;
const INTRODUCED = /(?:\b(?:we're|we are|we’re|this is|it's|it’s|it is|meet|introducing|somos|nous\s+sommes|kami)\s+|(?:我们是|我們是)\s*)/giu;
const TRIGGER =
  /\b(?:register|registering|registr|registrar|on\s+behalf\s+of|(?:owner|manager|founder|co-founder)\s+of|pemilik|(?:dueñ[oa]|propietari[oa]|propriétaire)\s+de|(?:don[oa])\s+d[oa]|cadastrar(?:\s+(?:o|a))?|inscrire|(?:compte|cuenta|conta)\s+(?:favcrm\s+)?(?:pour|para)|pa-?register(?:\s+naman)?\s+ng|inscribir|dar\s+de\s+alta(?:\s+a)?|sign(?:ing)?\s+up|signup|sign-up|enrol|enroll|onboard|add|create\s+(?:an?\s+)?(?:favcrm\s+)?(?:account|workspace|organi[sz]ation|org|crm)\s+for|(?:account|workspace)\s+for|set\s+up|setup|for|with)\s+|\b(?:owner|founder|co-founder|manager|director|ceo|proprietor|propriétaire|dueñ[oa]|gérante?)\s*,\s+|(?<!\b(?:email|e-mail|industry|country|city|timezone|phone|contact|location|zone|from|to|cc|bcc|subject|date|sent|reply-to))\s*:\s+|\s[—–]\s+/giu;
/** Words for a kind of business, as people write them before or after its name. */
const BUSINESS_NOUN = String.raw`(?:charity|non-?profit|foundation|shelter|rescue|farm|stall|daycare|nursery|venue|workshop|garage|studio|shop|store|company|business|firm|agency|cent(?:re|er)|clinic|practice|school|academy|salon|bar|restaurant|caf[eé]|bakery|gym|dojo|spa|boutique|hotel|guesthouse|hostel|pub|kitchen|parlou?r|florist|consultancy|club|brewery|winery|taproom|bistro|diner|pizzeria|lounge|bootcamp|barbershop|inn|teahouse|space)`;
/** "in Toronto", "in São Paulo": where a described business is, before its name ("a bakery in Toronto, Flour Child"). */
const IN_A_PLACE = String.raw`\s+(?:in|at|from)\s+\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*){0,2}`;
/** People who run a one-person business, as a person describes it ("dog groomer", "wedding photographer"). */
const TRADE_NOUN = String.raw`(?:groomers?|photographers?|tutors?|trainers?|cleaners?|barbers?|bakers?|caterers?|movers?|plumbers?|electricians?|accountants?|consultants?|therapists?|stylists?|designers?|florists?)`;
/** "UK based hair salon, Thistle & Rose.": a message that opens with what the business is, a comma, its name. */
const OPENS_DESCRIBED = new RegExp(
  String.raw`^\s*(?:[\p{L}]+[\s-]based\s+)?(?:${LOWER_WORD}\s+){0,3}(?:${BUSINESS_NOUN}|${TRADE_NOUN})\s*,\s+(?=[\p{Lu}\p{N}])`,
  'u',
);
/** "I'm opening a tattoo studio, Black Anchor Ink, in Glasgow": a business noun, a comma, the name. */
const DESCRIBED = new RegExp(String.raw`\b(?:[Aa]n?|[Mm]y|[Oo]ur)\s+(?:${LOWER_WORD}\s+){0,3}(?:${BUSINESS_NOUN}|service)(?:\s+${LOWER_WORD}){0,3}(?:${IN_A_PLACE})?\s*,\s+`, 'gu');
/** "We're a pilates studio in Mexico (Core Studio MX)": the name in brackets after the description. */
const NAME_IN_BRACKETS = new RegExp(String.raw`\b${BUSINESS_NOUN}(?:\s+${LOWER_WORD}){0,2}(?:${IN_A_PLACE})?\s*\(\s*(?=[\p{Lu}\p{N}])`, 'gu');
/**
 * "Name: …" and "name is …" without saying whose: read after the business labels, since "Name: Chinedu Okafor.
 * Business: Capital City Gadget Repairs" names the person first. "studio — name's Zen Den" names the business.
 */
const BARE_NAME_LABEL = new RegExp(String.raw`\bname\s*[:=]\s*|(?:^|[,;:.!]\s*)name\s+is\s+|\b${BUSINESS_NOUN}\s*[—–,;:]\s*name(?:['’]s|\s+is)\s+`, 'giu');
/** "I own Sunny Side Cafe in Austin": the person says what they run, then its capitalised name. */
const OWNS =
  /\b(?:i|we)\s+(?:(?:have|'ve|’ve)\s+)?(?:own|owned|run|ran|manage|managed|operate|operated)\s+(?:(?:my|our|a|an|the)\s+)?(?=[\p{Lu}\p{N}])/giu;
/** Where a capitalised run read without a "called" plainly ends: the clause, "based/located", or "in/at/from" + a place. */
const PLAIN_NAME_END = /^\s*(?:[,.;!?—–(]|$)|^\s+(?:(?:is|are)\s+)?(?:based|located)\s/iu;
/** "Our brewery Hop Along Brewing is in Denver": "is" + "in/at" before a place ends the name too. */
const IS_BEFORE_A_PLACE = /^\s+(?:is|are)\s+(?:in|at)\s+/iu;
const BEFORE_A_PLACE = /^\s+(?:in|at|from)\s+/iu;

function endsPlainly(text: string, end: number): boolean {
  const after = text.slice(end);
  if (PLAIN_NAME_END.test(after)) return true;
  const preposition = BEFORE_A_PLACE.exec(after) ?? IS_BEFORE_A_PLACE.exec(after);
  return preposition !== null && placeStartsAt(text, end + preposition[0].length);
}

/** "Our company Blue Peak Photography …": a possessive, a business noun, then the capitalised name. */
const OWNED_NOUN_THEN_NAME = new RegExp(String.raw`\b(?:[Mm]y|[Oo]ur)\s+(?:${LOWER_WORD}\s+){0,2}?${BUSINESS_NOUN}\s+(?=[\p{Lu}\p{N}])`, 'gu');
/** "Pilates studio Core Flow in Singapore": a business noun right before a capitalised name. */
const NOUN_THEN_NAME = new RegExp(String.raw`\b${BUSINESS_NOUN}\s+(?=[\p{Lu}\p{N}])`, 'giu');
const DETERMINER = /^(?:(?:my|our|the|a|an|this|mi|nuestra|nuestro|un|una|meu|minha|nosso|nossa|mon|ma|notre)\s+)((?:[\p{Ll}'’-]+\s+){0,4}?)(?=[\p{Lu}\p{N}'"“‘])/u;
const DETERMINER_COMMA = /^(?:(?:my|our|the|a|an|this|mi|nuestra|nuestro|un|una|meu|minha|nosso|nossa|mon|ma|notre)\s+)((?:[\p{Ll}'’-]+\s+){0,3}[\p{Ll}'’-]+),\s+(?=[\p{Lu}\p{N}])/u;
/** "sign us up: dental clinic, Bright Smile Dental": a kind of business without a determiner, a comma, the name. */
const NOUN_COMMA = new RegExp(String.raw`^(?:[\p{Ll}'’-]+\s+){0,3}${BUSINESS_NOUN},\s+(?=[\p{Lu}\p{N}])`, 'u');

/** After an activity's capitalised words: a business noun, then the capitalised name ("… gym Eight Limbs"). */
const KIND_THEN_NAME = new RegExp(String.raw`^\s+(?:[\p{Ll}'’-]+\s+){0,2}?${BUSINESS_NOUN},?\s+(?=[\p{Lu}\p{N}])`, 'u');

/** A capitalised name introduced by a trigger word, after "my bike shop" or "the organisation" if any. */
function afterTrigger(text: string, position: number): NameSpan | null {
  const rest = text.slice(position);
  const kindOnly = DETERMINER_COMMA.exec(rest) || DETERMINER.exec(rest) ? null : NOUN_COMMA.exec(rest);
  const skipped = DETERMINER_COMMA.exec(rest) ?? DETERMINER.exec(rest) ?? kindOnly;
  const start = position + (skipped ? skipped[0].length : 0);
  // "— a small dairy farm near Nakuru": the words skipped end in "near/in/at", so a place follows, not the name.
  if (skipped && /\b(?:in|at|near|from|around|outside|of)\s+$/iu.test(skipped[0])) return null;
  // "sign up: bakery, Paris" and "Get me on FavCRM — Toronto" name a place, not the business.
  if ((kindOnly || /[—–]\s*$/u.test(text.slice(0, position))) && placeStartsAt(text, start)) return null;
  if (!skipped && !/^[\p{Lu}\p{N}]/u.test(rest) && !STARTS_UNCASED_NAME.test(rest)) {
    // "register pixel perfect prints, a print shop": a lower-case name the person then describes.
    // After a dash, "bouldering gym — Vancouver" is a description between dashes, not a name.
    const afterDash = /[—–]\s*$/u.test(text.slice(0, position));
    const lowercase =
      /^(?!(?:a|an|my|our|the|me|us|for|to|up|register|sign|set|create|add|please|favcrm)\s)([\p{Ll}\p{N}][^,.;:!?()—–\n]{0,40}?)(?:\s+(?:pls|plz|please))?(?:,\s+(?:a|an|the|our|its|it's|it’s)\s|\s+([—–])\s)/u.exec(rest);
    if (lowercase?.[2] && afterDash) return null;
    // "nothing to do with yoga — Dallas": after "with", a lower-case word is a thing, not the business.
    if (/\bwith\s+$/iu.test(text.slice(0, position))) return null;
    return lowercase?.[1] ? span(text, position, position + lowercase[1].length) : null;
  }
  const end = readCapitalisedRun(text, start);
  // "my Muay Thai gym Eight Limbs": the first run named the activity; the name follows the business noun.
  const renamed = end === null ? null : KIND_THEN_NAME.exec(text.slice(end));
  if (renamed && end !== null) {
    const nameStart = end + renamed[0].length;
    const nameEnd = readCapitalisedRun(text, nameStart);
    if (nameEnd !== null && !placeStartsAt(text, nameStart)) return span(text, nameStart, nameEnd);
  }
  return span(text, start, end);
}

/**
 * "Hotel Miramar", "Glow Up Academy Budapest": a capitalised business noun belongs to the name, with the capitalised
 * words written before it.
 */
function nameStartingAtItsNoun(text: string, start: number): number {
  const before = text.slice(0, start);
  const noun = new RegExp(String.raw`(?:^|[^\p{L}\p{N}'’&+])(\p{Lu}\p{Ll}+)\s+$`, 'u').exec(before);
  if (!noun?.[1] || !new RegExp(String.raw`^${BUSINESS_NOUN}$`, 'iu').test(noun[1])) return start;
  let nameStart = start - noun[0].length + noun[0].indexOf(noun[1]);
  for (let words = 0; words < 4; words += 1) {
    const previous = /(?:^|\s)([\p{Lu}\p{N}][\p{L}\p{M}\p{N}'’&+.-]*) $/u.exec(text.slice(0, nameStart));
    if (!previous?.[1] || NOT_A_NAME.test(previous[1]) || /[.!?]$/.test(previous[1])) break;
    nameStart -= previous[1].length + 1;
  }
  return nameStart;
}

function firstMatch(regex: RegExp, text: string, read: (start: number) => NameSpan | null): NameSpan | null {
  regex.lastIndex = 0;
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    const found = read(match.index + match[0].length);
    if (found) return found;
    if (match[0].length === 0) regex.lastIndex += 1;
  }
  return null;
}

const STARTS_UNCASED_NAME = new RegExp(`^${UNCASED_LETTER}`, 'u');
const STARTS_NAME = new RegExp(String.raw`^(?:[\p{Lu}\p{N}]|[\u3400-\u9fff]|${UNCASED_LETTER}|\p{Ll}{1,2}\p{Lu})`, 'u');
const STARTS_ARTICLE = /^(?:a|an|my|our|your|the\s+\p{Ll}|one|some|located|based|in|at|from)\b/iu;

/**
 * The business name in `text` (emails already masked with MASK), by the strongest cue present:
 * a "Business name:" label, quotes, "called/named X", "We're X, a …", then "register/for/my shop X",
 * then "X, a <business>" appositions.
 */
export function findOrganisationName(text: string): NameSpan | null {
  const free = (cue: number): NameSpan | null => {
    // "the business name is actually Moonlight Cafe": correction words are not part of the name.
    const start = skipCorrectionWords(text, cue);
    const rest = text.slice(start);
    if (STARTS_ARTICLE.test(rest)) return null;
    if (!STARTS_NAME.test(rest) && !/^\p{Ll}/u.test(rest)) return null;
    return span(text, start, readFreeName(text, start));
  };
  const capitalised = (cue: number) => (STARTS_NAME.test(text.slice(skipCorrectionWords(text, cue))) ? free(cue) : null);
  // A message typed all in lower case names its business in lower case too ("the business name is sweet pea …").
  const afterLabel = /\p{Lu}/u.test(text) ? capitalised : free;
  const labelled = firstMatch(LABEL, text, afterLabel) ?? firstMatch(BARE_NAME_LABEL, text, afterLabel) ?? firstMatch(OURS_IS, text, capitalised);
  if (labelled) return labelled;
  QUOTED.lastIndex = 0;
  for (let match = QUOTED.exec(text); match; match = QUOTED.exec(text)) {
    const inner = match.slice(1).find((group) => group !== undefined);
    if (!inner || !/[\p{L}\p{N}]/u.test(inner) || /^\s|\s$/.test(inner)) continue;
    const start = match.index + match[0].indexOf(inner);
    // Joe's “Best” Pizza: a quoted word between capitalised ones is part of the name, not the name.
    if (/\p{Lu}[\p{L}'’]*\s+["“]$/u.test(text.slice(0, start)) && /^["”]\s\p{Lu}/u.test(text.slice(start + inner.length))) continue;
    const found = span(text, start, start + inner.length);
    if (found) return found;
  }
  const called = firstMatch(CALLED, text, free);
  if (called) return called;
  const introduced = firstMatch(INTRODUCED, text, (start) => {
    const end = readCapitalisedRun(text, start);
    if (end === null) return null;
    const after = text.slice(end);
    // "we're Two Wheels Bike Repair and we fix bikes": "and" + a new subject ends the name too.
    if (!/^\s*(?:[,(—–，。、（]|-\s|\.|$)/u.test(after) && !/^\s+(?:in|at|from|based|located|and\s+(?:we|i|our|it)\b)\s?/i.test(after)) return null;
    return span(text, start, end);
  });
  if (introduced) return introduced;
  const triggered = firstMatch(TRIGGER, text, (start) => afterTrigger(text, start));
  if (triggered) return triggered;
  const described = firstMatch(DESCRIBED, text, (start) => {
    // "my kids clothing boutique, bitsy & bloom, in Dhaka": a lower-case name set off by commas before the place.
    const lowercase = /^([\p{Ll}\p{N}][^,.;:!?()—–\n]{0,40}?),\s+(?:in|at|based|located|from)\b/u.exec(text.slice(start));
    const found = span(text, start, lowercase?.[1] ? start + lowercase[1].length : readCapitalisedRun(text, start));
    // "a restaurant in Richmond, BC": a state or province code, not a name; "in Salvador, Bahia": a region.
    if (found === null || /^[A-Z]{2,3}$/.test(found.name) || isPlaceName(found.name)) return null;
    // "a guesthouse in Salvador, Bahia": one word after "in <place>," is that place's state more likely than a name.
    return /\s(?:in|at|from)\s+[^,]+,\s+$/u.test(text.slice(0, start)) && !/\s/.test(found.name) ? null : found;
  });
  if (described) return described;
  const opening = OPENS_DESCRIBED.exec(text);
  if (opening) {
    const start = opening[0].length;
    const found = placeStartsAt(text, start) ? null : span(text, start, readCapitalisedRun(text, start));
    if (found) return found;
  }
  const bracketed = firstMatch(NAME_IN_BRACKETS, text, (start) => {
    const end = readCapitalisedRun(text, start);
    return end !== null && /^\s*\)/.test(text.slice(end)) && !isOnlyAPlace(text, start, end) ? span(text, start, end) : null;
  });
  if (bracketed) return bracketed;
  // "Our company Blue Peak Photography shoots weddings": after "my/our <business>", a capitalised run is the name.
  const owned = firstMatch(OWNED_NOUN_THEN_NAME, text, (start) => (placeStartsAt(text, start) ? null : span(text, start, readCapitalisedRun(text, start))));
  if (owned) return owned;
  const plainName = (start: number): NameSpan | null => {
    if (placeStartsAt(text, start)) return null;
    const end = readCapitalisedRun(text, start);
    return end === null || !endsPlainly(text, end) ? null : span(text, start, end);
  };
  // "I have owned Glow Up Skin Clinic for eleven years", "i own London Fog Coffee House on Main Street": after
  // "I own", the capitalised run is the name wherever it ends, and may begin with a place's name.
  const ownedName = (start: number): NameSpan | null => {
    const end = readCapitalisedRun(text, start);
    if (end === null || isOnlyAPlace(text, start, end)) return null;
    // Before a lower-case word only a name of two words or more: "I manage Marketing at a bank" names a team.
    const severalWords = /\s/.test(text.slice(start, end).trim());
    return endsPlainly(text, end) || (severalWords && /^\s+\p{Ll}/u.test(text.slice(end))) ? span(text, start, end) : null;
  };
  const named = firstMatch(NOUN_THEN_NAME, text, (start) => plainName(nameStartingAtItsNoun(text, start))) ?? firstMatch(OWNS, text, ownedName);
  if (named) return named;
  return apposition(text) ?? bulletedName(text);
}

/** The whole of `name` is a place the gazetteer knows, a region or state included ("Bahia", "Ontario"). */
function isPlaceName(name: string): boolean {
  const mentions = findPlaces(name);
  return mentions.length === 1 && mentions[0]?.start === 0 && mentions[0].end === name.length;
}

/** A bulleted line ("- ", "* ", "• ", "1. ") and where its text starts. */
const BULLET_LINE = /^[ \t]*(?:[-*•·▪◦]|\d{1,2}[.)])[ \t]+/gmu;

/**
 * "* Pixel Forge Games\n* Industry: other\n* Helsinki": in a list of two or more bullets, the first bullet that is a
 * capitalised name and nothing else, with no "Label:", and not a place.
 */
function bulletedName(text: string): NameSpan | null {
  const starts = [...text.matchAll(BULLET_LINE)].map((match) => match.index + match[0].length);
  if (starts.length < 2) return null;
  for (const start of starts) {
    const end = readCapitalisedRun(text, start);
    if (end === null || !/^[ \t.!]*(?:\n|$)/u.test(text.slice(end)) || isOnlyAPlace(text, start, end)) continue;
    const found = span(text, start, end);
    if (found && !/[:=]/.test(found.name)) return found;
  }
  return null;
}

/** A run that is nothing but a place ("Toronto", "Hong Kong"); "Gangnam Glow Skin Clinic" is more than one. */
function isOnlyAPlace(text: string, start: number, end: number): boolean {
  const length = placeLengthAt(text, start);
  return length > 0 && start + length >= end;
}

/** After a name: ", a …", " — nail studio", " - restaurant", " (laundry)", ", nail shop", " is our pilates studio". */
const DESCRIPTION_AFTER = new RegExp(
  String.raw`^\s*(?:,\s*(?:a|an|the|our|my)\s|\s*[—–]\s*\p{Ll}|\s+-\s+\p{Ll}|\s*\(\s*\p{Ll}|,\s*\p{Ll}+\s+(?:shop|store|studio|salon|company|business)|\s+is\s+(?:our|my|a|an)\s+(?:${LOWER_WORD}\s+){0,3}${BUSINESS_NOUN}\b)`,
  'u',
);

/** "Blossom Beauty Bar, a beauty salon" / "Velvet Nails — nail studio" / "Fresh Fold (laundry)". */
function apposition(text: string): NameSpan | null {
  const starts = /(?:^|[.!?]\s+|[,:;—–]\s*|\s)(?=[\p{Lu}\p{N}])/gu;
  for (let match = starts.exec(text); match; match = starts.exec(text)) {
    const start = match.index + match[0].length;
    const end = readCapitalisedRun(text, start);
    if (end !== null) {
      const after = text.slice(end);
      if (DESCRIPTION_AFTER.test(after) && !isOnlyAPlace(text, start, end)) return span(text, start, end);
      // "Get me on FavCRM — Blue Door Bakery, Toronto" and "Golden Dragon Restaurant — Kowloon": at the start or
      // after a dash or colon, a name, then a comma or dash and a place.
      const separator = /^\s*(?:,|[—–]|\s-)\s*/.exec(after);
      if ((/[—–:]/.test(match[0]) || /^$|[.!?]\s+$/u.test(match[0])) && separator && placeStartsAt(text, end + separator[0].length) && !isOnlyAPlace(text, start, end)) {
        return span(text, start, end);
      }
      starts.lastIndex = Math.max(starts.lastIndex, end);
    }
    if (match[0].length === 0) starts.lastIndex += 1;
  }
  return null;
}
