export * from './service.module';
export * from './seeder';
export * from './service-health';
