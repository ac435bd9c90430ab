export * from './projection';
export * from './projection-runner';
export * from './read-model.database';
export * from './event-recorded.event';
export * from './projections.module';
export * from './prepared';
export * from './read-models';
export * from './verifier';
