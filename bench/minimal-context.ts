import 'reflect-metadata';
import { Inject, Injectable, Module, OnModuleDestroy } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Database from 'better-sqlite3';

/**
 * The CLI's baseline, run as its own process: the framework's floor for a command, a minimal
 * NestJS application context whose one provider opens the store and reads one row.
 */
const FILE = Symbol('FILE');

@Injectable()
class Store implements OnModuleDestroy {
  readonly db: Database.Database;
  constructor(@Inject(FILE) file: string) {
    this.db = new Database(file, { readonly: true });
  }
  onModuleDestroy(): void {
    this.db.close();
  }
}

@Module({ providers: [Store, { provide: FILE, useValue: process.argv[2] }] })
class MinimalModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(MinimalModule, { logger: false });
  app.get(Store).db.prepare('SELECT * FROM events ORDER BY position DESC LIMIT 1').get();
  await app.close();
}

void main();
