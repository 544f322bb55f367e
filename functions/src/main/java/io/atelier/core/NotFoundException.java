package io.atelier.core;

/** Something the caller named does not exist, or is not theirs: the two look the same from outside. */
public final class NotFoundException extends DomainException {
    private static final long serialVersionUID = 1L;

    /** @param what what was looked for, e.g. "Job job_…"; the detail reads "Job job_… was not found." */
    public NotFoundException(String what) {
        super(what + " was not found.");
    }
}
