/**
 * Reading the words of a business name once its start is known: a run of capitalised words, or a name written
 * freely after "called", up to where the clause ends.
 */
import { placeStartsAt } from './gazetteer.js';

/** The business name found in a sentence and where it stands. */
export interface NameSpan {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Marks masked emails so no name runs into one. */
export const MASK = '\u00a4';

/** A word that can be part of a name: capitalised, a number ("24/7"), camel-case (iFix), or d'/l' + capital. */
/**
 * A letter of a script without capitals (Arabic, Hebrew, the Indic scripts, Thai, …): any word in one can be a
 * name, as a capitalised word is in Latin script. Chinese and Japanese are handled on their own (no spaces).
 */
export const UNCASED_LETTER = String.raw`[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Ethiopic}\p{Script=Georgian}]`;
const NAME_WORD = new RegExp(String.raw`(?:[\p{Lu}\p{N}]|${UNCASED_LETTER}|\p{Ll}{1,2}\p{Lu}|[dl]['’]\p{Lu})(?:[\p{L}\p{M}\p{N}'’&+.\-!]|\/(?=[\p{L}\p{N}]))*`, 'uy');
const STARTS_UNCASED = new RegExp(`^${UNCASED_LETTER}`, 'u');
/** Small words that may sit inside a name between capitalised words ("Slice of Heaven", "Rise & Shine"). */
const CONNECTOR = /(?:&|\+|and|n['’]|['’]n['’]?|of|the|de|la|le|les|du|des|da|do|di|del|della|von|van|der|den|y|e|et|on|for|in|at|to|by|upon|a)(?=\s)/iy;
/** Abbreviations whose final dot belongs to the name. */
const ABBREVIATIONS = new Set(['st.', 'co.', 'inc.', 'ltd.', 'dr.', 'mr.', 'mrs.', 'ms.', 'bros.', 'jr.', 'corp.', 'no.', 'mt.', 'ave.']);
/** Words that are never a business name on their own. */
export const NOT_A_NAME = /^(?:favcrm|i|i'm|i’m|i'd|i’d|i'll|i’ll|i've|i’ve|hi|hello|hey|please|thanks|thank|sign|register|create|set|new|my|our|we|we're|it|it's|this|yes|no|ok|okay|sure|email|e-mail|industry|country|city|timezone|name|dear|can|could|would|get|let's)$/i;

function wordAt(text: string, position: number): string | null {
  NAME_WORD.lastIndex = position;
  return NAME_WORD.exec(text)?.[0] ?? null;
}

function connectorAt(text: string, position: number): string | null {
  CONNECTOR.lastIndex = position;
  return CONNECTOR.exec(text)?.[0] ?? null;
}

/** "in Chamonix, France": a capitalised word or three the gazetteer does not know, then a comma and a known place. */
function unknownPlaceAt(text: string, position: number): boolean {
  const town = /^[\p{Lu}][\p{L}\p{M}'’-]*(?: [\p{Lu}][\p{L}\p{M}'’-]*){0,2},\s*/u.exec(text.slice(position));
  return town !== null && placeStartsAt(text, position + town[0].length);
}

/** A street name: one to three capitalised words and a street word ("Main Street", "Queen St W", "Rua Augusta" not). */
const STREET = /^(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Square|Sq|Parade|Terrace|Highway|Hwy)\b/u;

/** Drops a sentence's full stop or a trailing dash from a word, keeping "Co." and "St.". */
function trimWord(word: string): string {
  if (ABBREVIATIONS.has(word.toLowerCase())) return word;
  return word.replace(/[.\-!]+$/, '');
}

/**
 * Reads a run of capitalised words starting at `start` ("Spoke & Chain", "Slice of Heaven"): small
 * connecting words only between capitalised ones, and "in"/"at" never before a place. Returns the end.
 */
export function readCapitalisedRun(text: string, start: number): number | null {
  const first = wordAt(text, start);
  if (!first || NOT_A_NAME.test(trimWord(first)) || /^favcrm/i.test(first)) return null;
  let end = start + trimWord(first).length;
  if (trimWord(first) !== first) return end;
  let position = start + first.length;
  for (let words = 1; words < 10; words += 1) {
    let cursor = position;
    const connectors: string[] = [];
    let stopped = false;
    while (text[cursor] === ' ') {
      cursor += 1;
      if (wordAt(text, cursor)) break;
      const connector = connectorAt(text, cursor);
      if (!connector) {
        stopped = true;
        break;
      }
      connectors.push(connector.toLowerCase());
      cursor += connector.length;
    }
    if (stopped || cursor === position) break;
    const word = wordAt(text, cursor);
    if (!word || /^favcrm/i.test(word)) break;
    if (connectors.some((connector) => connector === 'in' || connector === 'at' || connector === 'on') && (placeStartsAt(text, cursor) || unknownPlaceAt(text, cursor))) break;
    // "London Fog Coffee House on Main Street": an address, not more of the name.
    if (connectors.some((connector) => connector === 'on' || connector === 'at' || connector === 'in') && STREET.test(text.slice(cursor))) break;
    const trimmed = trimWord(word);
    end = cursor + trimmed.length;
    position = cursor + word.length;
    if (trimmed !== word) break;
  }
  return end;
}

/** Stops a freely written name: punctuation, a full stop, " - ", or a word that starts the next clause. */
const HARD_STOP = /[,;:!?()[\]"“”「」『』（）—–|\n，。；！？、]/u;
const CLAUSE_WORD = /^(?:based|located|which|that|who|where|email|e-mail|contact|phone|is|are|was|we|we're|were|i|i'm|it's|please|thanks|since|so|but|because|near|here|there|serving|offering|run|owned|opening|open|estamos|somos|hacemos|fazemos|sommes|situé|située|ubicad[oa]|localizad[oa]|correo|courriel)$/i;
/** Small words that end a name unless a capitalised word follows ("Slice of Heaven", "Pan de Barrio y estamos"). */
const BEFORE_PLACE_OR_LOWERCASE = /^(?:in|at|from|with|and|for|on|by|to|out|en|em|na|no|dans|à|di|y|e|et)$/i;

/** A quoted word inside a name, followed by more of the name: Joe's "Best" Pizza. */
const QUOTED_INNER_WORD = /^(?:"[^"\n\s]{1,20}"|“[^”\n\s]{1,20}”)(?= \p{Lu})/u;

/**
 * Reads a name written after "called", "named", "Business name is", 叫 …: up to the clause's end,
 * keeping lower-case words only when the person wrote the whole name in lower case.
 */
export function readFreeName(text: string, start: number): number | null {
  const allLowercase = !/\p{Lu}/u.test(text);
  const fieldValue = /[:=][ \t]*$/.test(text.slice(0, start));
  let position = start;
  let end = start;
  const wordEnds: Array<{ end: number; capitalised: boolean }> = [];
  for (let words = 0; words < 9; words += 1) {
    const match = (words > 0 ? QUOTED_INNER_WORD.exec(text.slice(position)) : null) ?? /^[^\s,;:!?()[\]"“”「」『』（）—–|\n，。；！？、]+/u.exec(text.slice(position));
    if (!match) break;
    let word = match[0];
    if (word.includes(MASK)) break;
    const cjkStop = /[在係是位喺的]/u.exec(word);
    if (cjkStop && /[\u3400-\u9fff]/u.test(word)) {
      word = word.slice(0, cjkStop.index);
      if (word) wordEnds.push({ end: position + word.length, capitalised: true });
      break;
    }
    const bare = word.replace(/[.!]+$/, '');
    if (words > 0 && CLAUSE_WORD.test(bare)) break;
    if (words > 0 && BEFORE_PLACE_OR_LOWERCASE.test(bare)) {
      const nextStart = position + word.length + 1;
      const next = text.slice(nextStart);
      // In a message typed all in lower case, "and"/"&"/"by" join name words ("strength and conditioning", "nailz by keisha").
      const joinsLowercase = allLowercase && /^(?:and|&|by)$/i.test(bare) && /^\p{Ll}/u.test(next);
      if ((!/^[\p{Lu}\p{N}&+]/u.test(next) && !joinsLowercase) || placeStartsAt(text, nextStart) || next.startsWith(MASK)) break;
    }
    // "Co." keeps its dot inside a sentence; at the end of a line the dot is the full stop too ("… is Core & Co.").
    const endsLine = /^[ \t]*(?:\n|$)/.test(text.slice(position + word.length));
    // After "Name:" the value is a field, not a sentence: "- Name: Lumen Photography Co." keeps its dot.
    const dotted = word !== bare && (!ABBREVIATIONS.has(word.toLowerCase()) || (endsLine && !fieldValue));
    const kept = dotted ? bare : word;
    wordEnds.push({ end: position + kept.length, capitalised: /^[\p{Lu}\p{N}]|^[\u3400-\u9fff]/u.test(kept) || STARTS_UNCASED.test(kept) });
    end = position + kept.length;
    if (dotted) break;
    const gap = /^ +/.exec(text.slice(position + word.length));
    const nextStart = position + word.length + (gap?.[0].length ?? 0);
    if (!gap || (HARD_STOP.test(text[nextStart] ?? '') && !QUOTED_INNER_WORD.test(text.slice(nextStart)))) break;
    if (/^ - /.test(text.slice(position + word.length))) break;
    position += word.length + gap[0].length;
  }
  if (wordEnds.length === 0) return null;
  // "Golden Scissors barber shop" → "Golden Scissors": drop trailing lower-case words after a capitalised name.
  const lastCapital = wordEnds.map((word) => word.capitalised).lastIndexOf(true);
  if (lastCapital >= 0) end = wordEnds[lastCapital]?.end ?? end;
  return end > start ? end : null;
}

export function span(text: string, start: number, end: number | null): NameSpan | null {
  if (end === null || end <= start) return null;
  const name = text.slice(start, end).trim();
  if (!name || NOT_A_NAME.test(name) || !/[\p{L}\p{N}]/u.test(name)) return null;
  return { name, start, end };
}
