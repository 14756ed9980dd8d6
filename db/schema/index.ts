export * from './programme';
export * from './auth';
export * from './assessment';
export * from './rating';
export * from './collab';
