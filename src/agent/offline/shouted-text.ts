/**
 * A message typed in capitals ("PLEASE SET UP AN ACCOUNT FOR GOLDEN DRAGON RESTAURANT, WINNIPEG") hides what the
 * reader leans on: every word looks like part of a name. Writing the everyday words in lower case again, and only
 * those, gives the names back their edges; names and places stay in capitals, and each word keeps its length, so
 * a span read from the quietened text is the same span of what the person wrote.
 */

/** Words that are almost never part of a business name, in the sense the reader uses them. */
const EVERYDAY_WORDS = new Set(
  (
    'a an the and or but so if of to in at on by for from with near into onto over about as is are am was were be been ' +
    'being have has had do does did will would can could shall should may might must i me my mine we us our ours you ' +
    'your it its it\'s i\'m im we\'re were\'re that this these those there here what which who whom whose when where why ' +
    'how not no yes yeah ok okay please pls plz thanks thank hi hello hey dear morning afternoon evening need needs ' +
    'want wants like love would\'d i\'d get got set up sign signing signup register registering registration create ' +
    'make opening account accounts workspace crm favcrm email e-mail mail contact phone call called named name ' +
    'business company organisation organization industry country city based located now just also really very all ' +
    'some any run runs running help them they their he she his her him since years year months month ago last next around'
  ).split(' '),
);

/** The words after which a business noun describes the business rather than naming it ("MY SHOP BIG JIM'S"). */
const DESCRIBING = new Set(['a', 'an', 'my', 'our', 'the', 'your']);
const BUSINESS_NOUNS = new Set(
  'shop store studio salon restaurant cafe café bakery gym school academy clinic company business firm agency bar pub hotel spa'.split(' '),
);

/** True when the letters are (nearly) all capitals and there are enough of them to tell. */
export function isShouted(text: string): boolean {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0;
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0;
  return upper >= 12 && lower <= upper * 0.1;
}

/** `text` with its everyday words in lower case (same length, same offsets); other text unchanged. */
export function quietShoutedText(text: string): string {
  if (!isShouted(text)) return text;
  let previous = '';
  return text.replace(/[A-Za-z][A-Za-z'’-]*/g, (word) => {
    const lower = word.toLowerCase().replace(/’/g, "'");
    const describing = DESCRIBING.has(previous) && BUSINESS_NOUNS.has(lower);
    // "IN THE US" keeps its country; "SIGN US UP" does not name one.
    const keep = lower === 'us' && previous === 'the';
    previous = lower;
    if (keep || (!EVERYDAY_WORDS.has(lower) && !describing)) return word;
    const quiet = word.toLowerCase();
    return quiet.length === word.length ? quiet : word;
  });
}
