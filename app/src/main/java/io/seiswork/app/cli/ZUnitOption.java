package io.seiswork.app.cli;

import io.seiswork.app.volume.SegyZUnit;

/**
 * {@code --z-unit auto|m|s} ({@link SegyZUnit}), checked while picocli parses the command line: a
 * usage error for every command that takes it, whatever its VOLUME (a {@code .swv} has its own
 * unit and would otherwise take any value without a word).
 */
final class ZUnitOption implements picocli.CommandLine.ITypeConverter<String> {

    @Override
    public String convert(String value) {
        if (!SegyZUnit.valid(value)) {
            throw new OptionValues.Refused(SegyZUnit.invalid(value));
        }
        return value;
    }
}
