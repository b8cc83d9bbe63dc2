/* global module */
// The forwarder's homeAccountId param, checked when the framework reads
// serverless.yml (package and deploy alike): empty (this account is the home
// account) or the home account's 12 digits. A bad value stops the package with
// one line naming it, instead of a stack that puts events on a bus of no one's.
'use strict';

const ACCOUNT_ID = /^\d{12}$/;

/**
 * The message for a bad value, or undefined for a good one.
 * @param {string} value
 * @returns {string | undefined}
 */
function homeAccountIdProblem(value) {
  if (value === '' || ACCOUNT_ID.test(value)) return undefined;
  return `param homeAccountId: expected the home account's 12-digit id (or nothing, when this is the home account), got ${JSON.stringify(value)}`;
}

/**
 * The framework's variable resolver: the checked value, or an error whose message is all it says.
 * @param {{ resolveVariable: (variable: string) => Promise<unknown> }} framework
 * @returns {Promise<string>}
 */
async function homeAccountId({ resolveVariable }) {
  const raw = await resolveVariable('param:homeAccountId');
  // A params block may give it unquoted, as a YAML number; anything else cannot be an id.
  const value =
    raw === null || raw === undefined
      ? ''
      : typeof raw === 'string' || typeof raw === 'number'
        ? String(raw)
        : JSON.stringify(raw);
  const problem = homeAccountIdProblem(value);
  if (problem !== undefined) {
    const error = new Error(problem);
    error.stack = problem; // the framework prints the stack: let it be the message alone
    throw error;
  }
  return value;
}

module.exports = homeAccountId;
module.exports.homeAccountIdProblem = homeAccountIdProblem;
