#!/usr/bin/env node
/** The `container-mcp` command (package.json's bin); everything it does is in ./cli/. */
import { runCommand } from './cli/main.js';

runCommand(process.argv.slice(2));
