// folio finds its browser itself (scripts/bootstrap.mjs, src/find-browser.ts): never let
// `npm install` try to download one, which fails on machines without internet access.
module.exports = { skipDownload: true };
