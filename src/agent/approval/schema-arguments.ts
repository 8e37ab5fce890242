/**
 * Checks a model's tool arguments against the tool's JSON input schema before anything decides on them, so that
 * `confirm: "true"` or `confirm: 1` cannot slip past a rule that reads `confirm === true`. Unambiguous spellings
 * are coerced to the declared type and the coerced value is what is both judged and sent; anything else is
 * refused with a message the model can act on. Keys the schema does not declare are kept and reported, so the
 * approval card can show and flag them.
 */

type Schema = Record<string, unknown>;

export type ArgumentCheck =
  | { ok: true; args: Record<string, unknown>; undeclared: string[] }
  | { ok: false; problems: string[] };

/** Nesting past this is passed through as it is (a self-referencing schema must not loop). */
const MAX_DEPTH = 24;

/** The spellings of a boolean a model sends that mean one thing only. */
const BOOLEAN_SPELLINGS = new Map<unknown, boolean>([
  ['true', true],
  ['false', false],
  [1, true],
  [0, false],
]);

/** A number written as text: what a model sends for `"price": "45"`. */
const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Validates and coerces `args` against `schema` (an MCP tool's `inputSchema`). */
export function checkArguments(schema: Record<string, unknown>, args: Record<string, unknown>): ArgumentCheck {
  // Copied anywhere with `copy[key] =`, a `__proto__` key becomes the copy's prototype: gone from the card, yet read
  // by every `args.x` lookup. No real tool takes one, so the call goes back to the model.
  const smuggled = prototypeKeyPath(args, '', 0);
  if (smuggled !== null) return { ok: false, problems: [`${label(smuggled)} is not an argument name any tool takes`] };
  const walker = new SchemaWalker(schema);
  const root: Schema = { ...schema, type: schema.type ?? 'object' };
  const value = walker.visit(args, root, '', 0);
  if (walker.problems.length > 0) return { ok: false, problems: walker.problems };
  return { ok: true, args: value as Record<string, unknown>, undeclared: walker.undeclared };
}

/** The property schemas an object schema declares (its `properties`), for callers that look at names. */
export function declaredProperties(schema: unknown): Record<string, unknown> {
  if (!isSchema(schema) || !isSchema(schema.properties)) return {};
  return schema.properties;
}

class SchemaWalker {
  readonly problems: string[] = [];
  readonly undeclared: string[] = [];

  constructor(private readonly root: Schema) {}

  visit(value: unknown, schemaValue: unknown, path: string, depth: number): unknown {
    if (schemaValue === false) {
      this.problems.push(`${label(path)} is not accepted by this tool`);
      return value;
    }
    if (!isSchema(schemaValue) || depth > MAX_DEPTH) return value;
    const schema = this.resolve(schemaValue, depth);
    let current = value;

    for (const part of arrayOf(schema.allOf)) current = this.visit(current, part, path, depth + 1);
    const choices = [...arrayOf(schema.anyOf), ...arrayOf(schema.oneOf)];
    if (choices.length > 0) current = this.choose(current, choices, path, depth);

    const types = typesOf(schema);
    if (types.length > 0) {
      const fitted = fitType(current, types);
      if (fitted === NO_FIT) {
        this.problems.push(`${label(path)} must be ${describeTypes(types)}, not ${show(current)}`);
        return current;
      }
      current = fitted;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((allowed) => sameValue(allowed, current))) {
      this.problems.push(`${label(path)} must be one of ${schema.enum.map((allowed) => JSON.stringify(allowed)).join(', ')}, not ${show(current)}`);
    }
    if ('const' in schema && !sameValue(schema.const, current)) {
      this.problems.push(`${label(path)} must be ${JSON.stringify(schema.const)}, not ${show(current)}`);
    }
    // A shape that came from allOf/anyOf/oneOf was walked there; walk it here only if this schema adds its own.
    const composed = choices.length > 0 || arrayOf(schema.allOf).length > 0;
    const ownObject = ['properties', 'patternProperties', 'additionalProperties', 'required'].some((key) => key in schema);
    const ownArray = 'items' in schema || 'prefixItems' in schema;
    if (isPlainObject(current) && (ownObject || !composed)) return this.visitObject(current, schema, path, depth);
    if (Array.isArray(current) && (ownArray || !composed)) return this.visitArray(current, schema, path, depth);
    return current;
  }

  private visitObject(value: Record<string, unknown>, schema: Schema, path: string, depth: number): Record<string, unknown> {
    const properties = isSchema(schema.properties) ? schema.properties : {};
    const patterns = isSchema(schema.patternProperties) ? Object.entries(schema.patternProperties) : [];
    const required = new Set(arrayOf(schema.required).filter((name): name is string => typeof name === 'string'));
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const itemPath = path ? `${path}.${key}` : key;
      if (Object.hasOwn(properties, key)) {
        // Small models send `null` for an optional argument they mean to leave out; the server would refuse it.
        if (item === null && !required.has(key) && !this.accepts(null, properties[key], itemPath, depth + 1)) continue;
        result[key] = this.visit(item, properties[key], itemPath, depth + 1);
        continue;
      }
      const pattern = patterns.find(([source]) => safeRegExp(source)?.test(key));
      if (pattern) {
        result[key] = this.visit(item, pattern[1], itemPath, depth + 1);
      } else if (isSchema(schema.additionalProperties)) {
        result[key] = this.visit(item, schema.additionalProperties, itemPath, depth + 1);
      } else {
        // Declared nowhere (whether or not the schema allows extra keys): sent as it is, and flagged on the card.
        this.undeclared.push(itemPath);
        result[key] = item;
      }
    }
    for (const name of required) {
      if (value[name] === undefined) this.problems.push(`${label(path ? `${path}.${name}` : name)} is required`);
    }
    return result;
  }

  private visitArray(value: unknown[], schema: Schema, path: string, depth: number): unknown[] {
    const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : null;
    return value.map((item, index) => {
      const itemSchema = tuple ? (tuple[index] ?? schema.additionalItems ?? schema.items) : schema.items;
      return this.visit(item, Array.isArray(itemSchema) ? undefined : itemSchema, `${path}[${index}]`, depth + 1);
    });
  }

  /** Whether `value` fits `schema` as it is (a trial walk that records nothing here). */
  private accepts(value: unknown, schema: unknown, path: string, depth: number): boolean {
    const trial = new SchemaWalker(this.root);
    trial.visit(value, schema, path, depth);
    return trial.problems.length === 0;
  }

  /** anyOf/oneOf: the first choice the value already fits, else the first it fits once coerced. */
  private choose(value: unknown, choices: unknown[], path: string, depth: number): unknown {
    let coerced: { value: unknown; undeclared: string[] } | null = null;
    for (const choice of choices) {
      const trial = new SchemaWalker(this.root);
      const result = trial.visit(value, choice, path, depth + 1);
      if (trial.problems.length > 0) continue;
      if (sameValue(result, value)) {
        this.undeclared.push(...trial.undeclared);
        return result;
      }
      coerced ??= { value: result, undeclared: trial.undeclared };
    }
    if (coerced) {
      this.undeclared.push(...coerced.undeclared);
      return coerced.value;
    }
    this.problems.push(`${label(path)} fits none of the forms this tool accepts (${show(value)})`);
    return value;
  }

  /** Follows local `$ref`s (`#/$defs/…`, `#/definitions/…`); anything else is left as it is. */
  private resolve(schema: Schema, depth: number): Schema {
    let current = schema;
    for (let hops = 0; typeof current.$ref === 'string' && hops + depth < MAX_DEPTH; hops += 1) {
      const target = pointer(this.root, current.$ref);
      if (!isSchema(target)) break;
      const { $ref: _ignored, ...rest } = current;
      current = { ...target, ...rest };
    }
    return current;
  }
}

const NO_FIT = Symbol('no fit');

/** The path of the first `__proto__` key at any depth, or null. */
function prototypeKeyPath(value: unknown, path: string, depth: number): string | null {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return null;
  const entries = Array.isArray(value) ? value.map((item, index) => [`[${index}]`, item] as const) : Object.entries(value).map(([key, item]) => [key, item] as const);
  for (const [key, item] of entries) {
    const itemPath = key.startsWith('[') ? `${path}${key}` : path ? `${path}.${key}` : key;
    if (key === '__proto__') return itemPath;
    const found = prototypeKeyPath(item, itemPath, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The value itself when it already has one of the types, else its one unambiguous coercion, else NO_FIT. */
function fitType(value: unknown, types: string[]): unknown {
  if (types.some((type) => hasType(value, type))) return value;
  for (const type of types) {
    if (type === 'boolean') {
      const spelled = typeof value === 'string' ? value.trim().toLowerCase() : value;
      if (BOOLEAN_SPELLINGS.has(spelled)) return BOOLEAN_SPELLINGS.get(spelled);
    }
    if ((type === 'number' || type === 'integer') && typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) {
      const number = Number(value.trim());
      if (Number.isFinite(number) && (type === 'number' || Number.isInteger(number))) return number;
    }
    if (type === 'string' && typeof value === 'number' && Number.isFinite(value)) return String(value);
    if ((type === 'array' || type === 'object') && typeof value === 'string') {
      const parsed = parseJson(value);
      if (parsed !== undefined && hasType(parsed, type)) return parsed;
    }
  }
  return NO_FIT;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    default:
      return true;
  }
}

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((type): type is string => typeof type === 'string');
  return [];
}

function describeTypes(types: string[]): string {
  const words = types.map((type) => (type === 'boolean' ? 'a boolean (true or false)' : type === 'integer' ? 'a whole number' : type === 'null' ? 'null' : `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`));
  return words.join(' or ');
}

function label(path: string): string {
  return path ? `"${path}"` : 'The arguments';
}

/** A short rendering of a wrong value for the message the model reads. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function pointer(root: Schema, reference: string): unknown {
  if (!reference.startsWith('#')) return undefined;
  let current: unknown = root;
  for (const raw of reference.slice(1).split('/').filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isSchema(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  return JSON.stringify(left) === JSON.stringify(right);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source, 'u');
  } catch {
    return null;
  }
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
