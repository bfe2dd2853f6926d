/**
 * A tiny fake case-management API, standing in for a housing system's own: it stores cases and
 * answers the calls a screen would make. A real integration test would call HTTP endpoints instead.
 * It has one deliberate simplification: it trusts the complaint machine for the rules.
 */
import { createComplaintMachine, describeComplaint, replay, type ComplaintEvent, type ComplaintSnapshot } from 'housing-complaints';

export interface CaseSummary {
  id: string;
  stage: string;
  status: string;
  acknowledgeBy?: string;
  respondBy?: string;
  letters: number;
}

export class CaseApi {
  readonly #machine = createComplaintMachine();
  readonly #cases = new Map<string, ComplaintSnapshot>();

  /** POST /cases/:id/events: records an event, or answers 422 with the machine's reasons. */
  post(id: string, event: ComplaintEvent): { status: 201 } | { status: 422; reasons: string[] } {
    const from = this.#cases.get(id);
    const { snapshot, rejected } = replay(this.#machine, [event], from ? { from } : {});
    if (rejected.length > 0) return { status: 422, reasons: rejected[0]!.reasons.map((r) => `${r.provision ?? ''} ${r.message}`.trim()) };
    this.#cases.set(id, snapshot);
    return { status: 201 };
  }

  /** GET /cases/:id: what the case screen shows. */
  get(id: string): CaseSummary | undefined {
    const snapshot = this.#cases.get(id);
    if (!snapshot) return undefined;
    const view = describeComplaint(snapshot);
    return {
      id,
      stage: view.stage,
      status: view.status,
      ...(view.deadlines.acknowledgeBy ? { acknowledgeBy: view.deadlines.acknowledgeBy } : {}),
      ...(view.deadlines.respondBy ? { respondBy: view.deadlines.respondBy } : {}),
      letters: snapshot.context.letters.length,
    };
  }
}
