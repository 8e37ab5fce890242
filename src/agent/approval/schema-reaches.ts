import type { ApprovalReach } from '../events.js';
import { nameWords } from './name-reaches.js';
import { declaredProperties } from './schema-arguments.js';

/**
 * What a call reaches by what it carries, whatever the tool is called: a web address (`url`, `returnUrl`, a
 * `format: uri` field, any undeclared key holding an http(s) URL), a flag that sends (`sendEmail: true`,
 * `notifyCustomer`), a recipient together with a message (`to` + `body`, `audience` + `message`), or a flag that
 * deletes (`hardDelete: true`). Reads the schema's declared properties and the checked arguments, at any depth.
 */
export function schemaReaches(schema: Record<string, unknown>, args: Record<string, unknown>, undeclared: readonly string[]): ApprovalReach[] {
  const reaches = new Set<ApprovalReach>();
  const undeclaredPaths = new Set(undeclared);
  const uriFields = uriFormatPaths(schema);
  walkArguments(args, '', (path, key, value) => {
    const words = nameWords(key);
    const given = present(value);
    if (given && (words.some((word) => URL_WORDS.has(word)) || uriFields.has(stripIndexes(path)))) reaches.add('web');
    if (undeclaredPaths.has(path) && typeof value === 'string' && WEB_ADDRESS.test(value.trim())) reaches.add('web');
    if (isSetFlag(value) && words.some((word) => SEND_FLAG_WORDS.has(word))) reaches.add('people');
    if (isSetFlag(value) && words.some((word) => DELETE_FLAG_WORDS.has(word))) reaches.add('deletion');
  });
  // A send flag the call leaves out but the schema turns on by default still sends.
  for (const [key, property] of Object.entries(declaredProperties(schema))) {
    if (args[key] !== undefined || !isObject(property) || property.default !== true) continue;
    if (nameWords(key).some((word) => SEND_FLAG_WORDS.has(word))) reaches.add('people');
  }
  if (carriesMessageToSomeone(schema, args)) reaches.add('people');
  return [...reaches];
}

/** Keys that hold a web address the server may fetch or send people to. */
const URL_WORDS = new Set(['url', 'urls', 'uri', 'uris', 'href', 'link', 'links', 'webhook']);
/** An http(s) address (or a scheme-relative one) as a whole value. */
const WEB_ADDRESS = /^(?:https?:)?\/\/\S/i;
/** In a flag's name: it makes the server contact someone. */
const SEND_FLAG_WORDS = new Set(['send', 'notify', 'notification', 'remind', 'invite', 'email', 'mail', 'sms', 'whatsapp', 'message', 'broadcast', 'share']);
/** In a flag's name: it makes the server delete. */
const DELETE_FLAG_WORDS = new Set(['delete', 'purge', 'remove', 'destroy', 'wipe', 'erase', 'cascade']);
/** Who a message goes to. */
const RECIPIENT_WORDS = new Set(['to', 'cc', 'bcc', 'recipient', 'recipients', 'email', 'emails', 'phone', 'phones', 'mobile', 'audience', 'segment', 'channel']);
/** What a message says. */
const MESSAGE_WORDS = new Set(['message', 'body', 'subject', 'content', 'template', 'html', 'text']);

/** A recipient field and a message field declared side by side (or given), one of them filled: that is a send. */
function carriesMessageToSomeone(schema: Record<string, unknown>, args: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(declaredProperties(schema)), ...Object.keys(args)]);
  const matching = (set: Set<string>) => [...keys].filter((key) => nameWords(key).some((word) => set.has(word)));
  const recipients = matching(RECIPIENT_WORDS);
  const messages = matching(MESSAGE_WORDS);
  if (recipients.length === 0 || messages.length === 0) return false;
  return [...recipients, ...messages].some((key) => present(args[key]));
}

/** Paths (array indexes dropped) of properties declared with a URL format. */
function uriFormatPaths(schema: Record<string, unknown>): Set<string> {
  const paths = new Set<string>();
  const visit = (node: unknown, path: string, depth: number): void => {
    if (!isObject(node) || depth > 12) return;
    if (typeof node.format === 'string' && /^(?:uri|url|iri|uri-reference|iri-reference)$/i.test(node.format) && path) paths.add(path);
    for (const [key, child] of Object.entries(declaredProperties(node))) visit(child, path ? `${path}.${key}` : key, depth + 1);
    if (isObject(node.items)) visit(node.items, path, depth + 1);
    for (const choice of [...asArray(node.anyOf), ...asArray(node.oneOf), ...asArray(node.allOf)]) visit(choice, path, depth + 1);
  };
  visit(schema, '', 0);
  return paths;
}

function walkArguments(value: unknown, path: string, visit: (path: string, key: string, value: unknown) => void, depth = 0): void {
  if (depth > 24) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkArguments(item, `${path}[${index}]`, visit, depth + 1));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, item] of Object.entries(value)) {
    const itemPath = path ? `${path}.${key}` : key;
    visit(itemPath, key, item);
    walkArguments(item, itemPath, visit, depth + 1);
  }
}

/** Anything but "off": a flag set to `"yes"` or `2` by a model still turns the behaviour on somewhere. */
function isSetFlag(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return /^(?:true|yes|y|on|1)$/i.test(value.trim());
  return false;
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function stripIndexes(path: string): string {
  return path.replace(/\[\d+\]/g, '');
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
