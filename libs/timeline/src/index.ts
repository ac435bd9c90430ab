export * from './timeline.module';
export * from './seeder';
