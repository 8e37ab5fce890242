// Stands in for zod/v4/locales/index.js in the bundle (scripts/build-pieces.mjs). zod's namespace re-exports every
// error-message locale (`z.locales.*`, ~50 languages, ~330 kB of source) and a namespace cannot be tree-shaken, so
// each was parsed on every start. The app only uses English, which zod imports on its own (classic/schemas.js);
// `en` stays so `z.locales.en()` still works. Resolved from zod's own locales folder.
export { default as en } from "./en.js";
