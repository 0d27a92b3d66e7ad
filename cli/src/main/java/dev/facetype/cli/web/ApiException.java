package dev.facetype.cli.web;

import java.util.Objects;

/**
 * A request that fails in an expected way; the server answers it with {@link ApiProblem#status()} and a JSON
 * body holding the code and this message. The message must never contain what the client sent (file names,
 * headers), only facetype's own words and numbers.
 */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiProblem problem;

    ApiException(ApiProblem problem, String message) {
        super(message, null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    ApiProblem problem() {
        return problem;
    }
}
