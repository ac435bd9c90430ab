export * from './decorators';
export * from './field-error';
export * from './validate-input';
