export { createAuthorizationStage } from './authorization-stage.js';
export { evaluateUrlRules, type UrlRuleVerdict } from './url-rules.js';
