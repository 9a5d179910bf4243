/** The prompt table: every prompt the server offers, in the order prompts/list shows them. */
import type { PromptSpec } from './define.js';
import { diagnosePrompt } from './diagnose.js';
import { tailErrorsPrompt } from './tail-errors.js';

export const PROMPTS: readonly PromptSpec[] = [diagnosePrompt, tailErrorsPrompt];
