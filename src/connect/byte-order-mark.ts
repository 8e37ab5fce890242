/** A UTF-8 byte order mark (Notepad writes one), which neither parser accepts. */
const BOM = '\uFEFF';

/** The text without a leading BOM, and the BOM to put back when writing, so the file keeps its encoding marker. */
export function splitByteOrderMark(text: string): { bom: string; body: string } {
  return text.startsWith(BOM) ? { bom: BOM, body: text.slice(BOM.length) } : { bom: '', body: text };
}
