package io.atelier.local.testfn;

/** A handler whose handleRequest is inherited from a package-private base class, as the worker handlers are. */
public final class InheritedHandler extends BatchHandlerBase {

    @Override
    protected String label() {
        return "inherited";
    }
}
