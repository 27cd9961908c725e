export { createMappingStage } from './mapping-stage.js';
