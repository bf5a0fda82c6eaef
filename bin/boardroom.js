#!/usr/bin/env node
// The operator CLI runs the TypeScript sources through tsx, like `npm start`.
require('tsx/cjs');
require('../src/adapters/cli/run.ts');
