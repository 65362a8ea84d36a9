import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { expect, it } from 'vitest';
import { chatRoutes } from './routes.ts';
import type { ChatService } from './service.ts';

it('asks the engine to prepare when a gateway mounts the chat, not before', async () => {
  let warmUps = 0;
  const service = { warmUp: () => warmUps++ } as unknown as ChatService;
  const routes = chatRoutes(service, 4_000);
  expect(warmUps).toBe(0);
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(routes, { prefix: '/api/chat' });
  await app.ready();
  expect(warmUps).toBe(1);
  await app.close();
});
