/**
 * A reply to "What should I use as the business name?": a direct answer to a direct question is the name, as
 * written ("Yes Yoga", "No Limits Gym", "Thanks a Latte"), with only what frames it taken off (quotes, "it's",
 * "actually", emoji at the ends). A reply that cannot be a name says why, so the person knows how to answer.
 */

export type NameAnswer = { kind: 'name'; name: string } | { kind: 'not-a-name'; reason: string };

/** The longest organisation name FavCRM accepts (contract §5.2: 1–120 characters). */
const MAX_NAME_CHARACTERS = 120;
/** A business name is a few words; a longer reply is a sentence about something else. */
const MAX_NAME_WORDS = 8;

/** Words that correct what came before; never the start of the name itself. */
export const CORRECTION_WORDS =
  /^(?:(?:actually|in\s+fact|i\s+meant(?:\s+to\s+say)?|i\s+mean|make\s+that|correction)\b[\s,:;.!-]*|(?:sorry|oops|wait|no)\s*[,:;.!-]+\s*)+/i;
/** "really" corrects only when written in lower case before the name: "Really Good Coffee" is a name. */
const LOWER_CASE_CORRECTION = /^(?:really|actually)[\s,]+(?=[\p{Lu}\p{N}"'“‘])/u;

/** Where a name starts once correction words are skipped ("is actually Moonlight Cafe", "sorry, I meant X"). */
export function skipCorrectionWords(text: string, start: number): number {
  let position = start;
  for (let pass = 0; pass < 3; pass += 1) {
    const rest = text.slice(position);
    const skipped = CORRECTION_WORDS.exec(rest)?.[0] ?? LOWER_CASE_CORRECTION.exec(rest)?.[0];
    if (!skipped) break;
    position += skipped.length;
  }
  return position;
}

/** Words that introduce a name in an answer: "it's Moon Cafe", "call it Moon Cafe", "we're called Moon Cafe". */
const LEAD_IN =
  /^(?:(?:it'?s|it’s|it\s+is|its|call\s+it|name\s+it|called|named|the\s+(?:business\s+)?name\s+is|our\s+name\s+is|we'?re\s+called|we’re\s+called|we\s+are\s+called|make\s+it|let'?s\s+go\s+with|go\s+with|how\s+about)\b[\s,:]*)+/i;
/** A reply that answers something else: yes/no, thanks, a shrug, a command. */
const NOT_A_NAME_REPLY =
  /^(?:yes|yeah|yep|yup|no|nope|nah|ok|okay|sure|fine|thanks|thank\s+you|ty|cancel|stop|quit|help|skip|idk|dunno|not\s+sure|i\s+don'?t\s+know(?:\s+yet)?|later|none|n\/a|same|whatever|hi|hello|hey)$/i;
/** Pictographs and the joiners, selectors and skin tones that build them. */
const EMOJI_PIECE = String.raw`(?:\p{Extended_Pictographic}|\u200d|\ufe0f|[\u{1f3fb}-\u{1f3ff}]|\s)`;
const EMOJI_EDGE = new RegExp(`^${EMOJI_PIECE}+|${EMOJI_PIECE}+$`, 'gu');
const QUOTES = /^["'“‘「«]\s*(.+?)\s*["'”’」»]$/u;

/** Reads a reply to the name question. `withoutEmail` is the reply with any email address taken out. */
export function readNameAnswer(withoutEmail: string): NameAnswer {
  let name = withoutEmail.replace(EMOJI_EDGE, '').trim();
  for (let pass = 0; pass < 3; pass += 1) {
    name = name.slice(skipCorrectionWords(name, 0)).replace(LEAD_IN, '').trim();
    name = (QUOTES.exec(name)?.[1] ?? name).replace(/[.!,;:]+$/u, '').replace(EMOJI_EDGE, '').trim();
  }
  const shown = withoutEmail.trim();
  if (!name || !/[\p{L}\p{N}]/u.test(name)) return { kind: 'not-a-name', reason: shown ? 'there are no letters in it' : 'it was empty' };
  if (/\?\s*$/.test(shown)) return { kind: 'not-a-name', reason: 'it reads as a question' };
  if (NOT_A_NAME_REPLY.test(name)) return { kind: 'not-a-name', reason: `"${name}" reads as an answer, not a name` };
  // "my email is …", "we are in Leeds": a sentence about the person or the details, not the name.
  if (/^(?:my|our|i|i'm|we|we're|we’re|here)\s/.test(name) || /\b(?:e-?mail|address|phone number)\b/i.test(name)) {
    return { kind: 'not-a-name', reason: 'it reads as a sentence about other details' };
  }
  if (name.length > MAX_NAME_CHARACTERS) return { kind: 'not-a-name', reason: `it is longer than the ${MAX_NAME_CHARACTERS} characters FavCRM allows for a name` };
  if (name.split(/\s+/).length > MAX_NAME_WORDS) return { kind: 'not-a-name', reason: 'it reads as a sentence rather than a name' };
  return { kind: 'name', name };
}
