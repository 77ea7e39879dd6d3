package io.seiswork.kernels.rtm;

/**
 * A shot refused before its first step because what it would spill to its scratch folder does not
 * fit the free space there ({@link ScratchSpace}). On one machine every attempt of the shot meets
 * it alike, so a cloud worker fails the shot at once rather than retrying it.
 */
public final class ScratchSpaceException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ScratchSpaceException(String message) {
        super(message);
    }
}
