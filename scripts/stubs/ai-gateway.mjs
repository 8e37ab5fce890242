// Stands in for @ai-sdk/gateway in the bundle (scripts/build.mjs `alias`). `ai` imports the Vercel AI Gateway, and
// the gateway's own copy of provider-utils (~230 kB together), to serve model-id strings like
// `streamText({ model: 'openai/gpt-4o' })` and to recognise gateway errors. favcrm-chat always passes a model object
// (src/agent/model-selection.ts), so the gateway never runs. These are the four names `ai` imports: no error is a
// gateway error, and using the gateway says why it is absent. If `ai` ever imports another name, esbuild fails the
// build with "No matching export".
const absent = () => {
  throw new Error('favcrm-chat does not include the Vercel AI Gateway: pass a model object (see --model).');
};
export const gateway = new Proxy(absent, { get: (target, property) => (property in target ? target[property] : absent) });
export const createGateway = () => gateway;
const neverGatewayError = { isInstance: () => false };
export const GatewayError = neverGatewayError;
export const GatewayAuthenticationError = neverGatewayError;
