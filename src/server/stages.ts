export { createStages } from '../stages/index.js';
