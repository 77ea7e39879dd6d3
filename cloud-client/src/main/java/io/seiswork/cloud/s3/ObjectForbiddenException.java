package io.seiswork.cloud.s3;

/**
 * S3 refused to say whether an object is there (403 on a HEAD): either this identity may not read
 * it, or it is missing and the identity may not list its prefix ({@code s3:ListBucket}), which S3
 * answers alike. One line naming the object and what to grant; every retry would get the same
 * answer, so it is not a failure worth another attempt.
 */
public final class ObjectForbiddenException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ObjectForbiddenException(String bucket, String key, Throwable cause) {
        super("s3://" + bucket + "/" + key + ": access denied (403): it is missing or this identity may not read it; "
                + "grant s3:GetObject on it and s3:ListBucket on its prefix to tell which", cause);
    }
}
