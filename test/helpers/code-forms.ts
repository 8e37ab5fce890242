/** The ways people write one six-digit code (#15): every one must be held back from the model and the disk. */

/** The digits of `code` in the script whose zero is `zero` (Khmer U+17E0, Myanmar U+1040, ...). */
function inScript(code: string, zero: number): string {
  return [...code].map((digit) => String.fromCodePoint(zero + Number(digit))).join('');
}

/** `[label, how it was typed]` for `code`, e.g. 483920. */
export function codeForms(code: string): Array<[string, string]> {
  const head = code.slice(0, 3);
  const tail = code.slice(3);
  return [
    ['plain', code],
    ['no-break space (HTML email)', `${head}\u00a0${tail}`],
    ['thin space', `${head}\u2009${tail}`],
    ['narrow no-break space', `${head}\u202f${tail}`],
    ['double space', `${head}  ${tail}`],
    ['tab', `${head}\t${tail}`],
    ['dot', `${head}.${tail}`],
    ['comma', `${head},${tail}`],
    ['every digit by commas', [...code].join(',')],
    ['en dash', `${head}\u2013${tail}`],
    ['em dash with spaces', `${head} \u2014 ${tail}`],
    ['underscore', `${head}_${tail}`],
    ['slash', `${head}/${tail}`],
    ['hash', `#${code}`],
    ['brackets', `(${head}) ${tail}`],
    ['zero-width spaces', [...code].join('\u200b')],
    ['word joiner and BOM', `${head}\u2060${tail.slice(0, 1)}\ufeff${tail.slice(1)}`],
    ['soft hyphen', `${head}\u00ad${tail}`],
    ['full-width', inScript(code, 0xff10)],
    ['Khmer', inScript(code, 0x17e0)],
    ['Myanmar', inScript(code, 0x1040)],
    ['Gurmukhi', inScript(code, 0x0a66)],
    ['Tamil', inScript(code, 0x0be6)],
    ['mathematical bold', inScript(code, 0x1d7ce)],
    ['mathematical monospace', inScript(code, 0x1d7f6)],
    ['Arabic-Indic', inScript(code, 0x0660)],
    ['in a sentence', `sure, the code is ${head} ${tail} thanks!`],
  ];
}
