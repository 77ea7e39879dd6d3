/**
 * Figures written for people, shared by the modules' messages and views so that each rounds
 * alike ({@link io.seiswork.core.text.SignificantDigits}).
 */
package io.seiswork.core.text;
