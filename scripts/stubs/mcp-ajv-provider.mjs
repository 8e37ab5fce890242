// Stands in for @modelcontextprotocol/sdk/dist/esm/validation/ajv-provider.js in the bundle
// (scripts/build-pieces.mjs). The SDK's client and server construct an ajv JSON-schema validator up front, although it
// only runs when a tool declares an `outputSchema` (client) or a server elicits input (server); ajv and its formats
// are ~270 kB that every start parsed. Same interface; the SDK's own (CommonJS) provider is required, unbundled from
// node_modules, the first time a schema is compiled.
import { createRequire } from 'node:module';

export class AjvJsonSchemaValidator {
  #ajv;
  #real;
  constructor(ajv) {
    this.#ajv = ajv;
  }
  getValidator(schema) {
    this.#real ??= new (createRequire(import.meta.url)('@modelcontextprotocol/sdk/validation/ajv').AjvJsonSchemaValidator)(this.#ajv);
    return this.#real.getValidator(schema);
  }
}
