import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import type { JsonFormat } from '../../src/connect/client-definition.js';
import { CLIENTS } from '../../src/connect/clients/index.js';
import { refusal } from '../helpers/connect-refusal.js';
import { removeJsonServer, setJsonServer } from '../../src/connect/json-config-edit.js';

const cursor = CLIENTS.cursor.format as JsonFormat;
const claudeCode = CLIENTS['claude-code'].format as JsonFormat;
const vscode = CLIENTS.vscode.format as JsonFormat;
const ENTRY = { url: 'https://api.favcrm.example/mcp' };


describe('JSON configs: member-level edits', () => {
  it('refuses layouts it cannot edit safely: a non-object top level or server container, an inputs that is not an array', () => {
    expect(refusal(() => setJsonServer('[1, 2]', 'f', cursor, 'favcrm', ENTRY)).kind).toBe('unsupported-layout');
    expect(refusal(() => setJsonServer('{ "mcpServers": [] }', 'f', cursor, 'favcrm', ENTRY)).message).toContain('"mcpServers" is not an object');
    expect(refusal(() => setJsonServer('{ "inputs": {} }', 'f', vscode, 'favcrm', ENTRY)).message).toContain('"inputs" is not an array');
  });

  it('refuses comments in a strict-JSON client file (Claude Code would not read it), but accepts them in JSONC', () => {
    const text = '{\n  // note\n  "mcpServers": {}\n}\n';
    expect(refusal(() => setJsonServer(text, '~/.claude.json', claudeCode, 'favcrm', ENTRY)).kind).toBe('unparseable');
    expect(setJsonServer(text, '~/.cursor/mcp.json', cursor, 'favcrm', ENTRY)).toContain('// note');
  });

  it('fills an empty container and an empty file, and keeps a comment that sits inside an empty container', () => {
    expect(parse(setJsonServer('', 'f', cursor, 'favcrm', ENTRY))).toEqual({ mcpServers: { favcrm: ENTRY } });
    expect(parse(setJsonServer('{}', 'f', cursor, 'favcrm', ENTRY))).toEqual({ mcpServers: { favcrm: ENTRY } });
    const result = setJsonServer('{ "mcpServers": { /* none yet */ } }', 'f', cursor, 'favcrm', ENTRY);
    expect(result).toContain('/* none yet */');
    expect(parse(result)).toEqual({ mcpServers: { favcrm: ENTRY } });
  });

  it('keeps CRLF and tab indentation', () => {
    const result = setJsonServer('{\r\n\t"mcpServers": {\r\n\t\t"a": { "url": "https://a" }\r\n\t}\r\n}\r\n', 'f', cursor, 'favcrm', ENTRY);
    expect(result).toContain('\r\n\t\t"favcrm": {\r\n\t\t\t"url"');
    expect(result.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('replaces an existing favcrm entry in place and leaves its neighbours\' lines untouched', () => {
    const text = '{\n  "mcpServers": {\n    "a": { "url": "https://a" }, // first\n    "favcrm": { "url": "https://old" },\n    "b": { "url": "https://b" } // last\n  }\n}\n';
    const result = setJsonServer(text, 'f', cursor, 'favcrm', ENTRY);
    expect(result).toContain('    "a": { "url": "https://a" }, // first\n');
    expect(result).toContain('    "b": { "url": "https://b" } // last\n');
    expect(parse(result).mcpServers.favcrm).toEqual(ENTRY);
  });

  it('removing the last server of a strict-JSON file leaves no dangling comma; removing keeps a neighbour\'s same-line comment', () => {
    const strict = '{\n  "mcpServers": {\n    "a": { "command": "a" },\n    "favcrm": { "url": "https://x" }\n  }\n}\n';
    expect(removeJsonServer(strict, 'f', claudeCode, 'favcrm')).toBe('{\n  "mcpServers": {\n    "a": { "command": "a" }\n  }\n}\n');
    const commented = '{\n  "mcpServers": {\n    "a": { "command": "a" }, // keep me\n    "favcrm": { "url": "https://x" },\n  },\n}\n';
    expect(removeJsonServer(commented, 'f', cursor, 'favcrm')).toBe('{\n  "mcpServers": {\n    "a": { "command": "a" }, // keep me\n  },\n}\n');
  });

  it('refuses a file with two favcrm members rather than guess which one the client reads', () => {
    const text = '{ "mcpServers": { "favcrm": { "url": "https://one" }, "favcrm": { "url": "https://two" } } }';
    expect(refusal(() => setJsonServer(text, 'f', cursor, 'favcrm', ENTRY)).kind).toBe('unsupported-layout');
  });

  it('VS Code: reuses an existing favcrm input instead of adding a second', () => {
    const text = '{ "inputs": [ { "type": "promptString", "id": "favcrm-api-key", "description": "old" } ], "servers": {} }';
    const result = parse(setJsonServer(text, 'f', vscode, 'favcrm', ENTRY)) as { inputs: unknown[] };
    expect(result.inputs).toEqual([vscode.input]);
  });
});
