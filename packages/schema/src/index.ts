export * from './taxonomy.js';
export * from './geo.js';
export * from './activity.js';
export * from './hsds.js';
export * from './api.js';
export * from './schedule.js';
export * from './referral.js';
export * from './understand.js';
