export * from './service.module';
export * from './seeder';
