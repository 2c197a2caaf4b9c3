import { TeamsActivityHandler, type InvokeResponse, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import { answerTask, TASK_INVOKES } from './task-module.ts';
import type { CoreDeps } from '../core/deps.ts';
import { handle } from '../core/handle.ts';
import { SORRY } from '../core/labels.ts';
import type { Logger } from '../ops/logger.ts';
import { deliver, type DeliverOptions } from './deliver.ts';
import { keepReference } from './conversation-refs.ts';
import { EXPLAIN_COMMAND, explainMessage, submitFromDialog } from './explain.ts';
import { asksForProactive, incomingOf, placeOf } from './incoming.ts';

export interface TeamsBotDeps {
  readonly core: CoreDeps;
  readonly cards?: DeliverOptions;
}

/**
 * Translates Teams activities for the core and its replies back. Deciding what to say is
 * the core's job; this class only knows Teams. A TeamsActivityHandler for the message
 * extension's invokes (the "Explain this error" message action); messages and installs go
 * through the same handlers as on a plain ActivityHandler.
 */
export class TeamsBot extends TeamsActivityHandler {
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

  /** A card's dialog (task module): the Azure buttons' confirmation or refusal. */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (TASK_INVOKES.has(context.activity.name ?? '')) return answerTask(context, this.deps.core, this.deps.cards);
    return super.onInvokeActivity(context);
  }

  /** The message action opened: the answer in a dialog. */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.invoked(action, () => explainMessage(context, this.deps, action));
  }

  /** A button in that dialog (or the message itself, from a client that skips the fetch). */
  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return this.invoked(action, () => submitFromDialog(context, this.deps, action, this.log()));
  }

  /**
   * An invoke is answered in its HTTP response within a few seconds, or Teams shows "unable
   * to reach the app": a failure becomes a dialog saying so, never a thrown turn.
   */
  private async invoked(action: MessagingExtensionAction, work: () => Promise<MessagingExtensionActionResponse>): Promise<MessagingExtensionActionResponse> {
    if (action.commandId !== undefined && action.commandId !== EXPLAIN_COMMAND) return { task: { type: 'message', value: 'This command is not one I know.' } };
    try {
      return await work();
    } catch (error) {
      this.log().error({ err: (error as Error).message }, 'teams: message action failed');
      return { task: { type: 'message', value: SORRY } };
    }
  }

  private log(): Logger {
    return this.deps.core.logger.child({ listener: 'message-action' });
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
