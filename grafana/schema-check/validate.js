#!/usr/bin/env node
// Validates classic Grafana dashboard JSON files against a JSON schema generated, at each run, from the
// TypeScript types of the npm package @grafana/schema (raw/dashboard/x/types.gen: the type Dashboard) by
// ts-json-schema-generator, with ajv. Objects are closed (additionalProperties: false), so a misspelt or
// unknown field fails as well as a wrong type or a missing required field.
// Usage: node validate.js DASHBOARD.json...   Exit status: 0 all valid, 1 some invalid, 2 bad usage.
'use strict';

const fs = require('fs');
const path = require('path');
const tsj = require('ts-json-schema-generator');
const Ajv = require('ajv');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node validate.js DASHBOARD.json...');
  process.exit(2);
}

const pkg = path.dirname(require.resolve('@grafana/schema/package.json'));
const types = path.join(pkg, 'dist', 'types', 'raw', 'dashboard', 'x', 'types.gen.d.ts');
const schema = tsj.createGenerator({
  path: types,
  type: 'Dashboard',
  skipTypeCheck: true,
  additionalProperties: false,
}).createSchema('Dashboard');
const version = require('@grafana/schema/package.json').version;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

let invalid = 0;
for (const file of files) {
  const dashboard = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (validate(dashboard)) {
    console.log(`valid: ${file} (@grafana/schema ${version})`);
  } else {
    invalid++;
    for (const e of validate.errors) {
      console.log(`invalid: ${file}: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
  }
}
process.exit(invalid === 0 ? 0 : 1);
