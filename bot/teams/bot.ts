import { ActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import { answerTask, TASK_INVOKES } from './task-module.ts';
import type { CoreDeps } from '../core/deps.ts';
import { handle } from '../core/handle.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { keepReference } from './conversation-refs.ts';
import { asksForProactive, incomingOf, placeOf } from './incoming.ts';

export interface TeamsBotDeps {
  readonly core: CoreDeps;
  readonly cards?: DeliverOptions;
}

/**
 * Translates Teams activities for the core and its replies back. Deciding what to say is
 * the core's job; this class only knows Teams.
 */
export class TeamsBot extends ActivityHandler {
  constructor(private readonly deps: TeamsBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.answer(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (TASK_INVOKES.has(context.activity.name ?? '')) return answerTask(context, this.deps.core, this.deps.cards);
    return super.onInvokeActivity(context);
  }

  private async answer(context: TurnContext): Promise<void> {
    const incoming = incomingOf(context.activity);
    if (!incoming) return;
    // "alerts here": this conversation wants posts nobody asked for, which need its reference.
    // and so does a press that starts a backup, whose progress is posted later.
    if (asksForProactive(incoming) || (incoming.type === 'action' && incoming.action.kind === 'azure')) {
      await keepReference(this.deps.core, { ...incoming.place, thread: null }, context.activity);
    }
    const reply = await handle(incoming, this.deps.core);
    if (reply) await deliver(context, reply, this.deps.cards);
  }

  /** Installed in a personal chat: say once what the bot does. Quiet in teams and group chats. */
  private async welcome(context: TurnContext): Promise<void> {
    const botId = context.activity.recipient.id;
    const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
    if (!botAdded) return;
    const place = placeOf(context.activity);
    // Installed in a team or chat: keep the address, so alerts can be posted here later.
    await keepReference(this.deps.core, { ...place, thread: null }, context.activity);
    if (place.space !== 'dm') return;
    await deliver(context, { body: { kind: 'help' }, delivery: 'thread' }, this.deps.cards);
  }
}
