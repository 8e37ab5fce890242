import { z } from 'zod';
import { FORBIDDEN_SEND_TOOLS } from './plan-operations.js';
import { stem, terms } from './text-terms.js';
import type { SandboxTool } from './tool-definition.js';

// `query_favcrm_platform`: rank catalogue tools for a plain-language request. Deterministic scoring
// over name tokens and description words, with a few synonyms so "customer" finds accounts.

/** Words people use → the stems tool names and descriptions use. */
const SYNONYMS: Record<string, string[]> = {
  customer: ['account', 'member', 'customer'], client: ['account', 'member', 'customer'], contact: ['account', 'member', 'customer'],
  people: ['account', 'member'], person: ['account', 'member'],
  appointment: ['book'], reservation: ['book'], reserv: ['book'], schedul: ['book', 'slot'], diary: ['book'],
  avail: ['slot', 'avail'], availability: ['slot', 'avail'], time: ['slot'], opening: ['slot'],
  bill: ['invoic'], payment: ['paid', 'invoic'], pay: ['paid', 'invoic'],
  messag: ['send', 'messag', 'approval'], email: ['send', 'messag', 'approval'], sm: ['send', 'messag'], text: ['send', 'messag', 'text'],
  blog: ['post'], articl: ['post'], page: ['post'], lead: ['deal'], opportunity: ['deal'], pipelin: ['deal', 'stag'],
  todo: ['task'], reminder: ['task'], follow: ['task'], loyalty: ['point', 'loyalty', 'tier'], reward: ['point', 'loyalty'],
  discount: ['promotion'], coupon: ['promotion'], voucher: ['promotion'], promo: ['promotion'], stock: ['product'], item: ['product'],
  purchas: ['order'], sale: ['order', 'deal'], upgrad: ['plan', 'upgrad'], quota: ['plan', 'quota'], limit: ['plan', 'quota'],
  billing: ['plan', 'invoic'], subscription: ['subscription', 'plan'],
  report: ['stat', 'dashboard'], revenu: ['stat', 'dashboard'], metric: ['stat', 'dashboard'], analytic: ['stat', 'dashboard'],
  faq: ['knowledge'], doc: ['knowledge', 'document'], document: ['knowledge', 'document'], policy: ['knowledge'],
  photo: ['imag'], pictur: ['imag'], label: ['tag'], segment: ['tag'], group: ['tag'], membership: ['membership', 'tier', 'enrol'],
  enrol: ['enrol'], enroll: ['enrol'], join: ['enrol'], signup: ['register'], workspac: ['company'], organisation: ['company'],
  whatsapp: ['whatsapp'], wa: ['whatsapp'], bug: ['issu', 'report'], problem: ['issu'],
};

/** Verbs, and the tool-name verbs each one may mean. */
const VERBS: Record<string, string[]> = {
  creat: ['creat', 'add', 'attach', 'request'], add: ['creat', 'add', 'attach', 'enrol', 'earn'], mak: ['creat'], book: ['creat'],
  list: ['list', 'search', 'get'], show: ['list', 'get', 'search'], find: ['search', 'list', 'get', 'query'],
  search: ['search', 'list', 'query'], look: ['search', 'get', 'list'], get: ['get', 'list'], view: ['get', 'list'], see: ['get', 'list'],
  check: ['check', 'get', 'validat'], updat: ['updat', 'set'], chang: ['updat', 'set'], edit: ['updat'], modify: ['updat'], mov: ['updat'],
  delet: ['delet', 'cancel', 'void'], remov: ['delet', 'cancel', 'void'], cancel: ['cancel', 'void'], void: ['void'],
  send: ['send', 'request', 'mark'], publish: ['publish'], upgrad: ['creat'], connect: ['creat'], generat: ['generat'], writ: ['creat', 'append'],
  confirm: ['confirm'], complet: ['complet'], mark: ['mark'], earn: ['earn'], giv: ['earn'], scrap: ['scrap'],
  validat: ['validat'], report: ['report'], switch: ['switch'], invit: ['creat'], new: ['creat'], tag: ['attach'],
};

const LISTING_VERBS = new Set(['list', 'search']);

/** Verbs that are also things: "book" a slot / a booking, "report" an issue / a sales report. */
const ALSO_NOUNS = new Set(['book', 'report', 'invit', 'text', 'tag']);

interface Concept {
  stems: Set<string>;
  verbs: Set<string>;
  noun: boolean;
}

function concepts(query: string): Concept[] {
  return terms(query).map((term) => ({
    stems: new Set([term, ...(SYNONYMS[term] ?? []).map(stem)]),
    verbs: new Set(VERBS[term] ?? []),
    noun: VERBS[term] === undefined || SYNONYMS[term] !== undefined || ALSO_NOUNS.has(term),
  }));
}

function overlaps(words: Set<string>, wanted: Set<string>): boolean {
  for (const word of wanted) if (words.has(word)) return true;
  return false;
}

/** One argument as `type (required) — description`, read from the tool's JSON Schema. */
function describeArguments(tool: SandboxTool): Record<string, string> {
  let schema: { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  try {
    schema = z.toJSONSchema(z.object(tool.inputSchema), { io: 'input', unrepresentable: 'any' }) as typeof schema;
  } catch {
    return {};
  }
  const required = new Set(schema.required ?? []);
  const result: Record<string, string> = {};
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const type = Array.isArray(property.enum)
      ? `one of ${property.enum.join('|')}`
      : property.type === 'array'
        ? `array of ${String((property.items as Record<string, unknown> | undefined)?.type ?? 'object')}`
        : String(property.type ?? 'object');
    const defaultText = property.default !== undefined ? `, default ${JSON.stringify(property.default)}` : '';
    result[field] = `${type} (${required.has(field) ? 'required' : `optional${defaultText}`}) — ${String(property.description ?? '')}`;
  }
  return result;
}

export interface CatalogueMatch {
  name: string;
  title: string;
  summary: string;
  arguments: Record<string, string>;
  readOnly: boolean;
  destructive: boolean;
  score: number;
}

/**
 * Scores: a query noun in the tool name 5, plus 2 in the summary or else 1 elsewhere in the description;
 * a matching verb adds 3 when some noun matched. Tools the best match names in its description
 * (its prerequisites, e.g. get_available_slots for create_booking) move up to just below it. With no verb in the query, list and search tools get 1 extra.
 */
export function searchCatalogue(tools: readonly SandboxTool[], query: string, limit: number): CatalogueMatch[] {
  const wanted = concepts(query);
  const nouns = wanted.filter((concept) => concept.noun);
  const verbs = wanted.filter((concept) => concept.verbs.size > 0);
  const lowered = query.toLowerCase();
  // Direct sends only ever refuse (contract §5.6); suggesting them would send agents the wrong way.
  const candidates = tools.filter((tool) => !(FORBIDDEN_SEND_TOOLS as readonly string[]).includes(tool.name));
  const scored = candidates.map((tool) => {
    const [summary = '', ...rest] = tool.description.split('\n');
    const nameTokens = tool.name.split('_').map(stem);
    const nameNouns = new Set(nameTokens.slice(1));
    const summaryWords = new Set(terms(summary));
    const bodyWords = new Set(terms(rest.join(' ')));
    let nounScore = 0;
    for (const concept of nouns) {
      if (overlaps(nameNouns, concept.stems)) nounScore += 5;
      if (overlaps(summaryWords, concept.stems)) nounScore += 2;
      else if (overlaps(bodyWords, concept.stems)) nounScore += 1;
    }
    const verbMatch = verbs.some((concept) => concept.verbs.has(nameTokens[0] ?? ''));
    let score = nounScore + (verbMatch && (nounScore > 0 || nouns.length === 0) ? 3 : 0);
    // A bare noun phrase ("overdue invoices") most often means "show me them".
    if (verbs.length === 0 && nounScore > 0 && LISTING_VERBS.has(nameTokens[0] ?? '')) score += 1;
    if (lowered.includes(tool.name)) score += 20;
    return { tool, summary, score };
  });
  const best = [...scored].sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name))[0];
  // Prerequisites keep the order the best match's description names them in.
  const mentionOrder = new Map<string, number>();
  if (best && best.score > 0) {
    for (const name of best.tool.description.match(/[a-z]+(?:_[a-z]+)+/g) ?? []) {
      if (name !== best.tool.name && !mentionOrder.has(name)) mentionOrder.set(name, mentionOrder.size);
    }
    for (const entry of scored) {
      if (mentionOrder.has(entry.tool.name)) entry.score = Math.max(entry.score, best.score - 1);
    }
  }
  const mentioned = (entry: { tool: SandboxTool }) => mentionOrder.get(entry.tool.name) ?? Number.MAX_SAFE_INTEGER;
  return scored
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || mentioned(a) - mentioned(b) || a.tool.name.localeCompare(b.tool.name))
    .slice(0, limit)
    .map(({ tool, summary, score }) => ({
      name: tool.name,
      title: tool.annotations.title,
      summary,
      arguments: describeArguments(tool),
      readOnly: tool.annotations.readOnlyHint,
      destructive: tool.annotations.destructiveHint,
      score,
    }));
}
