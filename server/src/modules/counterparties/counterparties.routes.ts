import {
  Counterparty,
  CounterpartyList,
  CreateCounterpartyRequest,
  DirectoryList,
  type DirectoryPerson,
  IdParams,
  UpdateCounterpartyRequest,
} from '@liaison/contracts';
import { actorContext } from '../../platform/http/route-context.ts';
import type { App } from '../../platform/http/server.ts';
import type { CounterpartiesService } from './counterparties.service.ts';

export function counterpartiesRoutes(
  app: App,
  counterparties: CounterpartiesService,
  /** The users service: contacts are users. Taken by shape so counterparties does not import users. */
  users: { contactsOf(counterpartyId: string): Promise<DirectoryPerson[]> },
): void {
  const tags = ['counterparties'];

  app.get(
    '/api/counterparties',
    {
      config: { access: { permission: 'counterparty.read' } },
      schema: {
        operationId: 'listCounterparties',
        summary: 'List counterparties',
        tags,
        response: { 200: CounterpartyList },
      },
    },
    async () => ({ items: await counterparties.list() }),
  );

  app.post(
    '/api/counterparties',
    {
      config: { access: { permission: 'counterparty.manage' } },
      schema: {
        operationId: 'createCounterparty',
        summary: 'Create a counterparty',
        tags,
        body: CreateCounterpartyRequest,
        response: { 201: Counterparty },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await counterparties.create(actorContext(request), request.body)),
  );

  app.get(
    '/api/counterparties/:id',
    {
      config: { access: { permission: 'counterparty.read' } },
      schema: {
        operationId: 'getCounterparty',
        summary: 'Get a counterparty',
        tags,
        params: IdParams,
        response: { 200: Counterparty },
      },
    },
    (request) => counterparties.get(request.params.id),
  );

  app.get(
    '/api/counterparties/:id/contacts',
    {
      config: { access: { permission: 'counterparty.read' } },
      schema: {
        operationId: 'listCounterpartyContacts',
        summary: "List a counterparty's portal contacts",
        tags,
        params: IdParams,
        response: { 200: DirectoryList },
      },
    },
    async (request) => ({ items: await users.contactsOf(request.params.id) }),
  );

  app.patch(
    '/api/counterparties/:id',
    {
      config: { access: { permission: 'counterparty.manage' } },
      schema: {
        operationId: 'updateCounterparty',
        summary: 'Update a counterparty',
        tags,
        params: IdParams,
        body: UpdateCounterpartyRequest,
        response: { 200: Counterparty },
      },
    },
    (request) => counterparties.update(actorContext(request), request.params.id, request.body),
  );
}
