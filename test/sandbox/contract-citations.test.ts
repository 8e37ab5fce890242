import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Comments cite docs/favcrm-contract.md as "contract §x.y". Every such citation must name a section (or, for
// chapter 7, a numbered item) that exists there, so the code's references keep pointing at something.

const CONTRACT = path.resolve('docs/favcrm-contract.md');

function sectionsOf(markdown: string): Set<string> {
  const sections = new Set<string>();
  let chapter: string | null = null;
  for (const line of markdown.split('\n')) {
    const heading = /^#{2,3} (\d+(?:\.\d+)?)\.? /.exec(line);
    if (heading?.[1]) {
      sections.add(heading[1]);
      chapter = heading[1].includes('.') ? chapter : heading[1];
      continue;
    }
    // Chapter 7 is a numbered list; its items are cited as §7.N.
    const item = /^(\d+)\. /.exec(line);
    if (item?.[1] && chapter === '7') sections.add(`7.${item[1]}`);
  }
  return sections;
}

function citationsIn(directory: string, found: Array<{ file: string; section: string }>): void {
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) citationsIn(file, found);
    else if (/\.(ts|tsx|md)$/.test(entry.name)) {
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!/contract(?:\.md)? §/.test(line)) continue;
        // "(contract §5.2, §6.4)": every § on a line that cites the contract.
        for (const match of line.matchAll(/§(\d+(?:\.\d+)*)/g)) if (match[1]) found.push({ file: path.relative(process.cwd(), file), section: match[1] });
      }
    }
  }
}

describe('contract citations', () => {
  it('every "contract §x.y" in src/ and prompts/ names a section of docs/favcrm-contract.md', () => {
    const sections = sectionsOf(fs.readFileSync(CONTRACT, 'utf8'));
    const found: Array<{ file: string; section: string }> = [];
    citationsIn(path.resolve('src'), found);
    citationsIn(path.resolve('prompts'), found);
    expect(found.length).toBeGreaterThan(30);
    expect(found.filter((citation) => !sections.has(citation.section))).toEqual([]);
  });

  it('keeps the numbering the code cites', () => {
    const sections = sectionsOf(fs.readFileSync(CONTRACT, 'utf8'));
    for (const section of ['1.1', '1.4', '1.5', '1.7', '1.8', '2.1', '2.4', '2.6', '2.7', '3.1', '3.2', '3.3', '3.4', '3.7', '4.1', '5.1', '5.2', '5.3', '5.6', '5.8', '6.1', '6.2', '6.4', '7.10']) {
      expect(sections, section).toContain(section);
    }
  });
});
