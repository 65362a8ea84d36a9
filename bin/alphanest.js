#!/usr/bin/env node
// The CLI is TypeScript run by Node's built-in type stripping (Node >= 24).
import '../src/cli/main.ts';
