export { createAuthenticationStage, describeSids } from './authentication-stage.js';
export { VerificationCache } from './verification-cache.js';
