package dev.okr.objectives.objective;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.keyresult.KeyResultFactory;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Key results under an objective: add, change, remove (kept with its history), reorder; each a change of the objective. */
@ApplicationScoped
public class KeyResultService {

    private final Objectives objectives;
    private final ObjectiveService reads;
    private final KeyResultRepository keyResults;

    public KeyResultService(Objectives objectives, ObjectiveService reads, KeyResultRepository keyResults) {
        this.objectives = objectives;
        this.reads = reads;
        this.keyResults = keyResults;
    }

    /** The organisation's key result (in use) as its objective shows it now, or a 404. */
    @WithSession
    public Uni<KeyResultView> get(UUID organisationId, UUID id) {
        return objectiveOf(organisationId, id).chain(objectiveId -> reads.get(organisationId, objectiveId))
                .map(view -> view.keyResult(id));
    }

    /** Adds a key result at the end of the objective's list; answers it as the objective now shows it. */
    @WithTransaction
    public Uni<KeyResultView> add(UUID organisationId, UUID objectiveId, KeyResultRequest request) {
        UUID[] added = new UUID[1];
        return objectives.change(organisationId, objectiveId, draft -> {
            draft.requireActive();
            return draft.addKeyResults(List.of(request), "keyResults").map(krs -> {
                added[0] = krs.get(0).id;
                return ObjectiveChanged.UPDATED;
            });
        }).map(view -> view.keyResult(added[0]));
    }

    /** Changes a key result's definition (not its type); {@code If-Match} names the key result's version. */
    @WithTransaction
    public Uni<KeyResultView> change(UUID organisationId, UUID id, String ifMatch, KeyResultRequest request) {
        return objectiveOf(organisationId, id).chain(objectiveId -> objectives.change(organisationId, objectiveId, draft -> {
            KeyResult kr = draft.keyResult(id);
            ETags.require(ifMatch, kr.revision);
            draft.requireActive();
            UUID kpiBefore = kr.kpiId;
            KeyResultFactory.change(kr, request, draft.now());
            draft.edited(kr);
            if (kr.type == KeyResult.Type.MILESTONES) {
                draft.replaceMilestones(kr, KeyResultFactory.milestones(kr, request.milestones(), draft.state().milestonesOf(kr)));
            }
            Uni<Void> linked = kr.type == KeyResult.Type.KPI_LINKED && !kr.kpiId.equals(kpiBefore)
                    ? draft.link(kr, "body") : Uni.createFrom().voidItem();
            return linked.replaceWith(ObjectiveChanged.UPDATED);
        })).map(view -> view.keyResult(id));
    }

    /** Removes a key result from its objective; its check-ins stay as history. */
    @WithTransaction
    public Uni<Void> remove(UUID organisationId, UUID id, String ifMatch) {
        return objectiveOf(organisationId, id).chain(objectiveId -> objectives.change(organisationId, objectiveId, draft -> {
            KeyResult kr = draft.keyResult(id);
            ETags.require(ifMatch, kr.revision);
            draft.requireActive();
            draft.remove(kr);
            return Uni.createFrom().item(ObjectiveChanged.UPDATED);
        })).replaceWithVoid();
    }

    /** Puts the objective's key results in the given order; {@code If-Match} names the objective's version. */
    @WithTransaction
    public Uni<ObjectiveView> reorder(UUID organisationId, UUID objectiveId, String ifMatch, List<UUID> order) {
        return objectives.change(organisationId, objectiveId, draft -> {
            ETags.require(ifMatch, draft.objective().revision);
            draft.requireActive();
            draft.edited();
            List<KeyResult> current = draft.state().keyResults();
            Set<UUID> ids = new HashSet<>();
            current.forEach(kr -> ids.add(kr.id));
            if (order.size() != ids.size() || !ids.equals(new HashSet<>(order))) {
                throw ProblemException.invalid("keyResultIds", "must list each of the objective's "
                        + ids.size() + " key results exactly once");
            }
            for (KeyResult kr : current) {
                int position = order.indexOf(kr.id);
                if (kr.position != position) {
                    kr.position = position;
                    kr.updatedAt = draft.now();
                }
            }
            return Uni.createFrom().item(ObjectiveChanged.UPDATED);
        });
    }

    private Uni<UUID> objectiveOf(UUID organisationId, UUID keyResultId) {
        return keyResults.objectiveOf(organisationId, keyResultId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", keyResultId));
    }
}
