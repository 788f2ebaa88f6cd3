"use strict";

/**
 * What jest loads for `archiver` (jest.config.js moduleNameMapper). cdktf requires archiver when it loads, only to
 * zip the folders of TerraformAsset, which the platform never creates; the real module and its streams cost about
 * 70 ms in each of the test files. Anything that does zip an asset in a test fails here, saying why.
 */
module.exports = function archiver() {
  throw new Error("archiver is stubbed in tests (test/stubs/archiver.js): the platform creates no TerraformAsset");
};
