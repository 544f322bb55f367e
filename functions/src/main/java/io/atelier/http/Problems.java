package io.atelier.http;

import io.atelier.core.ConflictException;
import io.atelier.core.DomainException;
import io.atelier.core.IdempotencyKeyReusedException;
import io.atelier.core.InvalidRequestException;
import io.atelier.core.NotFoundException;
import io.atelier.core.PlanRefusedException;
import io.atelier.core.QuotaExceededException;
import java.util.List;
import java.util.Map;

/** The problem details each refusal of the core is answered with: its status, type and title. */
final class Problems {
    private Problems() {}

    static ApiException of(DomainException refusal) {
        return switch (refusal) {
            case NotFoundException e ->
                new ApiException(404, ApiException.NOT_FOUND, "Not found", e.getMessage(), null);
            case ConflictException e -> ApiException.conflict(e.getMessage());
            case InvalidRequestException e -> ApiException.validation(e.getMessage(), e.errors());
            case IdempotencyKeyReusedException e ->
                new ApiException(
                        422,
                        "/problems/idempotency-key-reused",
                        "Idempotency key reused",
                        e.getMessage(),
                        List.of(e.error()));
            case PlanRefusedException e ->
                new ApiException(403, "/problems/plan", "Not in your plan", e.getMessage(), List.of(e.error()));
            case QuotaExceededException e ->
                new ApiException(
                        429,
                        "/problems/quota-exceeded",
                        "Quota exceeded",
                        e.getMessage(),
                        List.of(e.error()),
                        Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
        };
    }
}
